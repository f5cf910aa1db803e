"""Every <input type="date"> must be given its value as YYYY-MM-DD: browsers show any other
format (such as the en-GB 08/09/2026) as an empty field, and saving then erases the date."""

import importlib
import inspect
import pkgutil

from django import forms

import sendco


def _form_classes():
    for module_info in pkgutil.walk_packages(sendco.__path__, "sendco."):
        if not module_info.name.endswith(".forms"):
            continue
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def test_every_date_input_renders_iso_dates():
    checked, wrong = 0, []
    for cls in _form_classes():
        for name, field in cls.base_fields.items():
            widget = field.widget
            if getattr(widget, "input_type", "") == "date":
                checked += 1
                if widget.format != "%Y-%m-%d":
                    wrong.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert checked > 10, "the scan found no date inputs: it proves nothing"
    assert not wrong, f"date inputs without format='%Y-%m-%d': {wrong}"


def test_a_group_form_shows_its_saved_dates(cast):
    from datetime import date

    from sendco.provision.forms import GroupForm

    html = str(GroupForm(initial={"start_date": date(2026, 9, 8)}, staff_choices=[])["start_date"])
    assert 'value="2026-09-08"' in html
