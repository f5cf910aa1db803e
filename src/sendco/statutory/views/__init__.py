"""Pages for statutory EHC work. Thin: fetch through the access policy (..lookups), call one
selector or service, render. Anything the user may not see or do answers 404."""
