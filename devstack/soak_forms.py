"""The forms of an HTML page as a browser would submit them, for the soak driver (``devstack.soak``).

``forms(html)`` finds every ``<form>`` with its action and its fields as the page fills them in (hidden fields such
as the CSRF token and versions, text typed so far, the selected option, the ticked boxes); ``Form.choices`` lists
what a select, radio group or checkbox group offers, so the driver can fill in a field as a person would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    method: str
    values: dict[str, list[str]] = field(default_factory=dict)  # what submitting it unchanged sends
    choices: dict[str, list[str]] = field(default_factory=dict)  # the values a select/radio/checkbox name offers

    def fields(self) -> list[tuple[str, str]]:
        return [(name, value) for name, values in self.values.items() for value in values]

    def set(self, name: str, *values: str) -> None:
        self.values[name] = list(values)

    def first_choice(self, name: str) -> str:
        return next(c for c in self.choices.get(name, []) if c)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._option: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = Form(a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self._form)
        if self._form is None or ("disabled" in a and tag != "form"):
            return
        name = a.get("name", "")
        if tag == "input" and name:
            self._input(a, name)
        elif tag == "select" and name:
            self._select, self._select_chosen = name, False
            self._form.choices.setdefault(name, [])
        elif tag == "option" and self._select:
            self._option = a.get("value")
            self._text = []
            if "selected" in a:
                self._choose_option(a.get("value"))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def _input(self, a: dict[str, str], name: str) -> None:
        assert self._form is not None
        kind = a.get("type", "text").lower()
        value = a.get("value", "on" if kind in ("checkbox", "radio") else "")
        if kind in ("checkbox", "radio"):
            self._form.choices.setdefault(name, []).append(value)
            if "checked" in a:
                self._form.values.setdefault(name, []).append(value)
        elif kind not in ("submit", "button", "image", "reset", "file"):
            self._form.values.setdefault(name, []).append(value)

    def _choose_option(self, value: str | None) -> None:
        assert self._form is not None and self._select is not None
        self._form.values[self._select] = [value if value is not None else ""]
        self._select_chosen = True

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        form = self._form
        if form is None:
            return
        if tag == "option" and self._select:
            value = self._option if self._option is not None else "".join(self._text).strip()
            form.choices[self._select].append(value)
            if not self._select_chosen:  # a browser sends the first option when none is selected
                self._choose_option(value)
            self._option = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text).replace("\r\n", "\n")  # a browser sends no leading newline
            form.values.setdefault(self._textarea, []).append(text.removeprefix("\n"))
            self._textarea = None
        elif tag == "form":
            self._form = None


def forms(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def form_posting_to(html: str, path_end: str) -> Form | None:
    """The page's first form that posts to an action ending with ``path_end``."""
    return next((f for f in forms(html) if f.method == "post" and f.action.split("?")[0].endswith(path_end)), None)
