"""Every workspace POST goes through the one form pipeline, `web.forms.submit`.

The check reads each POST view's syntax tree and looks for a call that resolves to
`web.forms.submit` (as `forms.submit(...)`, or `submit(...)` imported from web.forms). A
view may reach it through a helper of its own area, such as a desk action calling
`access.act(...)`, which calls `forms.submit`: calls to functions defined in the same
area (web.workspace.<area>) are followed.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from flask import Flask, redirect, request

from web import forms
from web.forms import submit

WORKSPACE = "web.workspace."
# The areas with forms; each must show up, so the test cannot pass by finding no route.
AREAS_WITH_POSTS = {"desk", "agency", "member", "fees", "payments", "accounts", "signins"}
# POSTs that only compute from the form as typed and record nothing (a POST so the form's
# token stays out of URLs): they must never reach a command of the marketplace.
RECORD_NOTHING = {"desk.compute_quote", "desk.share_award"}
READS = ("get_", "rate_table_version")  # the marketplace's readers; everything else records


def area_of(module: str) -> str:
    """The package whose helpers a view may call on its way: web.workspace.<area>."""
    if module.startswith(WORKSPACE):
        return ".".join(module.split(".")[:3])
    return module.rpartition(".")[0]


def _resolve(node: ast.expr, scope: dict[str, Any]) -> Any:
    """What a called name (`f`, `mod.f`, `pkg.mod.f`) stands for in the function's globals."""
    if isinstance(node, ast.Name):
        return scope.get(node.id)
    if isinstance(node, ast.Attribute):
        owner = _resolve(node.value, scope)
        if owner is None or not isinstance(owner, ModuleType | type):
            return None  # request.form and the like: proxies, unknown outside a request
        return getattr(owner, node.attr, None)
    return None


def _root(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _local_names(tree: ast.AST) -> set[str]:
    """Names bound inside the function: its nested functions, arguments and variables."""
    top = next(ast.iter_child_nodes(tree), None)
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node is not top:
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


def _tree(function: Callable[..., Any]) -> ast.AST | None:
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return None
    return ast.parse(textwrap.dedent(source))


def goes_through_submit(view: Callable[..., Any], area: str | None = None,
                        seen: set[Any] | None = None) -> bool:
    """Whether the view calls web.forms.submit, itself or through its area's helpers."""
    view = inspect.unwrap(view)
    area = area or area_of(view.__module__)
    seen = set() if seen is None else seen
    if view in seen:
        return False
    seen.add(view)
    tree = _tree(view)
    if tree is None:
        return False
    local = _local_names(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _root(node.func) in local:
            continue  # a name the view defines itself is not the module's
        called = _resolve(node.func, view.__globals__)
        if called is submit:
            return True
        if (inspect.isfunction(called) and in_area(called.__module__, area)
                and goes_through_submit(called, area, seen)):
            return True
    return False


def in_area(module: str, area: str) -> bool:
    return module == area or module.startswith(area + ".")


def bypassing(app: Flask) -> list[str]:
    """The workspace POST endpoints whose view does not go through the pipeline."""
    return sorted(endpoint for endpoint, view in workspace_posts(app).items()
                  if endpoint not in RECORD_NOTHING and not goes_through_submit(view))


def marketplace_calls(view: Callable[..., Any], area: str | None = None,
                      seen: set[Any] | None = None) -> set[str]:
    """The marketplace methods the view calls, itself or through its area's helpers."""
    view = inspect.unwrap(view)
    area = area or area_of(view.__module__)
    seen = set() if seen is None else seen
    if view in seen:
        return set()
    seen.add(view)
    tree = _tree(view)
    if tree is None:
        return {"<no source>"}
    called_names: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute) \
                and func.value.attr == "marketplace":
            called_names.add(func.attr)
            continue
        called = _resolve(func, view.__globals__)
        if inspect.isfunction(called) and in_area(called.__module__, area):
            called_names |= marketplace_calls(called, area, seen)
    return called_names


def test_the_posts_that_record_nothing_call_no_command(web_app: Flask) -> None:
    posts = workspace_posts(web_app)
    assert set(posts) >= RECORD_NOTHING
    for endpoint in sorted(RECORD_NOTHING):
        called = marketplace_calls(posts[endpoint])
        assert called, f"{endpoint}: the check found no call at all"
        commands = sorted(name for name in called if not name.startswith(READS))
        assert commands == [], f"{endpoint} records through {commands}"


def test_the_command_check_sees_a_command() -> None:
    from web.workspace.desk import actions

    assert "award_contract" in marketplace_calls(actions.record_award)


def workspace_posts(app: Flask) -> dict[str, Callable[..., Any]]:
    """Endpoint -> view of every POST route whose view lives under web/workspace."""
    found = {}
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if "POST" in (rule.methods or set()) and inspect.unwrap(view).__module__.startswith(
                WORKSPACE):
            found[rule.endpoint] = view
    return found


def test_the_workspace_areas_with_forms_are_all_found(web_app: Flask) -> None:
    areas = {endpoint.partition(".")[0] for endpoint in workspace_posts(web_app)}
    assert areas >= AREAS_WITH_POSTS


def test_every_workspace_post_goes_through_the_form_pipeline(web_app: Flask) -> None:
    found = bypassing(web_app)
    assert found == [], "these POST views do not use web.forms.submit: " + ", ".join(found)


# The checker itself: it must be able to fail.


def _inline_try() -> Any:
    """A view of the old kind: its own try block instead of the pipeline."""
    try:
        request.form.get("note")
    except ValueError:
        return "refused", 422
    return redirect("/")


def _names_submit_without_calling_it() -> Any:
    pipeline = forms.submit
    return pipeline


def submit_of_its_own(command: Callable[[], Any]) -> Any:
    return command()


def _calls_another_submit() -> Any:
    return submit_of_its_own(lambda: None)


def _shadows_submit() -> Any:
    def submit(command: Callable[[], Any]) -> Any:
        return command()

    return submit(lambda: None)


def _through_the_module() -> Any:
    return forms.submit(lambda: None, again=lambda refused: ("", 422), done=lambda: ("", 200))


def _through_the_name() -> Any:
    return submit(lambda: None, again=lambda refused: ("", 422), done=lambda: ("", 200))


def _helper_of_the_area(note: str) -> Any:
    return forms.submit(lambda: note, again=lambda refused: ("", 422), done=lambda: ("", 200))


def _through_a_helper() -> Any:
    return _helper_of_the_area("x")


def _through_a_nested_function() -> Any:
    def run() -> Any:
        return forms.submit(lambda: None, again=lambda refused: ("", 422),
                            done=lambda: ("", 200))

    return run()


@pytest.mark.parametrize("view", [_inline_try, _names_submit_without_calling_it,
                                  _calls_another_submit, _shadows_submit])
def test_checker_flags_a_view_that_bypasses_the_pipeline(view: Callable[..., Any]) -> None:
    assert not goes_through_submit(view)


@pytest.mark.parametrize("view", [_through_the_module, _through_the_name, _through_a_helper,
                                  _through_a_nested_function])
def test_checker_lets_a_view_through_the_pipeline_pass(view: Callable[..., Any]) -> None:
    assert goes_through_submit(view)


def test_checker_follows_helpers_of_the_view_s_own_area_only() -> None:
    # Seen from another area, the same helper is not followed: a view must not pass by
    # calling into someone else's module.
    assert not goes_through_submit(_through_a_helper, area="web.workspace.elsewhere")


def test_a_new_workspace_post_that_bypasses_the_pipeline_is_named(web_app: Flask) -> None:
    def forgotten() -> Any:
        return _inline_try()

    forgotten.__module__ = "web.workspace.member.forgotten"  # as if the member area had it
    web_app.add_url_rule("/workspace/member/forgotten", "member.forgotten", forgotten,
                         methods=["POST"])
    assert "member.forgotten" in workspace_posts(web_app)
    assert "member.forgotten" in bypassing(web_app)
