"""Provision map pages. Thin: find the school or record through the access policy (common.py),
call one selector or service, render. Money (rates, named costs) is shown only where the
policy's "provision.money" allows; anything not visible answers 404."""
