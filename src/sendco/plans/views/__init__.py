"""Pages for passports, plans, reviews, the class view and the school's plan settings. Thin:
fetch through the access policy, call one selector or service, render. Refusals are 404."""
