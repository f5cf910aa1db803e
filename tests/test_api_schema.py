"""The OpenAPI document at /api/v1/openapi.json is valid and tells the truth: every schema has
its own name (django-ninja keys components by class name, so two classes of one name show one
of them for both), and each operation documents the body it accepts and the answers it gives."""

from __future__ import annotations

import typing

import pytest
from ninja import Schema
from openapi_spec_validator import validate

from sendco.api.root import api


def _document() -> dict:
    return api.get_openapi_schema()


def _operations():
    for _, router in api._routers:
        for path_operation in router.path_operations.values():
            for operation in path_operation.operations:
                yield api.get_openapi_operation_id(operation), operation


def _schema_classes(annotation) -> list:
    """The Schema classes a type is made of (list items, optional values, dict values)."""
    if isinstance(annotation, type) and issubclass(annotation, Schema):
        return [annotation]
    return [c for arg in typing.get_args(annotation) for c in _schema_classes(arg)]


def _schema_class(annotation):
    """The one Schema class a parameter or answer is made of, if any."""
    found = _schema_classes(annotation)
    return found[0] if len(found) == 1 else None


def _with_nested(classes: set) -> set:
    seen, todo = set(), list(classes)
    while todo:
        cls = todo.pop()
        if cls not in seen:
            seen.add(cls)
            todo += [c for field in cls.model_fields.values() for c in _schema_classes(field.annotation)]
    return seen


def _body_class(operation):
    hints = typing.get_type_hints(operation.view_func, include_extras=True)
    # Query[...] filters (Annotated) are not a body; a schema parameter beside them is.
    found = [
        c
        for name, hint in hints.items()
        if name != "return" and typing.get_origin(hint) is not typing.Annotated and (c := _schema_class(hint))
    ]
    return found[0] if found else None


def _takes_a_file(operation) -> bool:
    hints = typing.get_type_hints(operation.view_func, include_extras=True)
    return any("UploadedFile" in str(hint) for hint in hints.values())


def _documented(schema: dict, components: dict) -> set[str]:
    ref = schema.get("$ref") or schema.get("items", {}).get("$ref")
    return set(components[ref.rsplit("/", 1)[1]].get("properties", {}))


def _fields(cls, *, by_alias: bool) -> set[str]:
    """A body is read by alias; an answer is written by field name (an alias like
    "category.name" says where to read the value from)."""
    return {(field.alias if by_alias else None) or name for name, field in cls.model_fields.items()}


def test_the_document_is_valid_openapi(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    validate(response.json())


def test_every_schema_class_has_its_own_name():
    classes = set()
    for _, operation in _operations():
        if body := _body_class(operation):
            classes.add(body)
        for model in operation.response_models.values():
            if model is not None and (cls := _schema_class(model.model_fields["response"].annotation)):
                classes.add(cls)
    names = [c.__name__ for c in _with_nested(classes)]
    clashes = sorted({n for n in names if names.count(n) > 1})
    assert not clashes, f"schemas sharing a name (the document shows only one of each): {clashes}"
    assert set(names) <= set(_document()["components"]["schemas"])


OPERATIONS = dict(_operations())


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_documented_body_and_answers_match_the_schema_classes(operation_id):
    operation = OPERATIONS[operation_id]
    document = _document()
    components = document["components"]["schemas"]
    documented = next(
        op for ops in document["paths"].values() for op in ops.values() if op["operationId"] == operation_id
    )
    body = _body_class(operation)
    if body is None:
        content = documented.get("requestBody", {}).get("content", {})
        # A multipart upload takes Form[...] and File[...] parameters, not a schema class.
        multipart = set(content) == {"multipart/form-data"} and _takes_a_file(operation)
        assert not content or multipart, f"{operation_id} documents a body it does not take"
    else:
        schema = documented["requestBody"]["content"]["application/json"]["schema"]
        assert _documented(schema, components) == _fields(body, by_alias=True), (
            f"{operation_id}: body is not {body.__name__}"
        )
    for status, model in operation.response_models.items():
        cls = model and _schema_class(model.model_fields["response"].annotation)
        if cls:
            schema = documented["responses"][status]["content"]["application/json"]["schema"]
            assert _documented(schema, components) == _fields(cls, by_alias=False), (
                f"{operation_id} {status}: not {cls.__name__}"
            )
