"""A Streamlit client without a browser: what the web page says to the server over `/_stcore/stream`.

It speaks the framework's own protocol with the framework's own message classes (streamlit.proto), as the
page does (streamlit 1.67):

- a session opens with a websocket to ``/_stcore/stream`` (subprotocol "streamlit"); the server makes a
  session and waits: nothing runs until the page asks for a run with a ``BackMsg.rerun_script``
  (a ``ClientState``: the page's URL path and query string, the widgets' values, the browser's context);
- the server answers with ``ForwardMsg``s: ``new_session`` as the run starts (which page runs), the
  page's elements as ``delta``s (each widget carries its id, label and options; a delta drawn inside a
  fragment names the fragment), ``page_info_changed`` when the script rewrites the query string, and
  ``script_finished`` when the run ends: FINISHED_SUCCESSFULLY after a whole-script run,
  FINISHED_FRAGMENT_RUN_SUCCESSFULLY after a fragment's run; FINISHED_EARLY_FOR_RERUN when the script
  called ``st.rerun()`` and another run follows;
- a widget change is a new ``rerun_script`` carrying that widget's new value (``WidgetState`` by id; a
  selectbox sends the option's text as shown); a widget inside a fragment reruns that fragment alone
  (``fragment_id``); a page link is a ``rerun_script`` naming the page's script hash;
- a big element already sent is sent again as a reference (``ref_hash``) when the page says it still
  holds it (``cached_message_hashes``); this client keeps them as the page does, for
  ``max_cached_message_age`` runs.

The page also sends the values of widgets nobody touched; the dashboard sets every widget's value from
session state before drawing it, so the server draws the same page without them. This client sends the
values it set, for widgets still on the page.

Widgets are found by their label or their key (never by a remembered id: ids change with the code).
"""
from __future__ import annotations

import socket
import time
import urllib.parse
from dataclasses import dataclass, field

import websocket  # websocket-client
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY: "run", ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY: "fragment"}
WIDGETS = {"selectbox", "text_input", "multiselect", "slider", "button_group", "checkbox", "radio",
           "number_input", "text_area", "date_input", "button", "download_button", "toggle"}
TIMEOUT_S = 60.0  # an answer later than this is an error


class ProtocolError(RuntimeError):
    """The server did not answer as a Streamlit server does (closed, timed out, an error on the page)."""


@dataclass
class Widget:
    kind: str  # the Element oneof: "selectbox", "text_input", ...
    id: str
    label: str
    fragment_id: str
    proto: object  # the widget's proto (options, default, ...)

    @property
    def key(self) -> str:
        """The user key, the end of a keyed widget's id ("$$ID-<hash>-<key>"); '' when unkeyed."""
        parts = self.id.split("-", 2)
        return parts[2] if self.id.startswith("$$ID-") and len(parts) == 3 else ""

    @property
    def options(self) -> list[str]:
        return list(getattr(self.proto, "options", []))


@dataclass
class Answer:
    """One run the server made for a request: from sending the BackMsg to the run's end."""
    kind: str  # "run" or "fragment"
    seconds: float
    messages: int
    bytes: int
    page: str  # the url path of the page that ran
    errors: list[str] = field(default_factory=list)  # error boxes or tracebacks drawn on the page
    texts: list[str] = field(default_factory=list)  # the markdown, headings and captions drawn


def _text_of(element) -> str | None:
    kind = element.WhichOneof("type")
    if kind == "markdown":
        return element.markdown.body
    if kind == "heading":
        return element.heading.body
    if kind == "alert":
        return element.alert.body
    return None


class Session:
    """One viewer's session: ``Session(url).open()``, then ``load()``, ``choose()``, ``type()``, ``go_to()``."""

    def __init__(self, url: str, source_address: str | None = None, lang: str = "vi",
                 timeout: float = TIMEOUT_S):
        self.url = url.rstrip("/")
        self.source_address = source_address
        self.lang = lang
        self.timeout = timeout
        self.ws: websocket.WebSocket | None = None
        self.session_id = ""
        self.query_string = ""
        self.page_hash = ""
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.widgets: dict[str, Widget] = {}  # id -> widget now on the page
        self.values: dict[str, object] = {}  # id -> WidgetState set by this client
        self.cache: dict[str, ForwardMsg] = {}  # hash -> cacheable message the page holds
        self.cache_age: dict[str, int] = {}  # hash -> the run it was last used in
        self.max_age = 2  # runs a cached message is kept unused (the server's global.maxCachedMessageAge)
        self.runs = 0

    # --- the connection -------------------------------------------------------------------------------
    def open(self) -> "Session":
        parts = urllib.parse.urlsplit(self.url)
        host, port = parts.hostname or "127.0.0.1", parts.port or 80
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        if self.source_address:
            sock.bind((self.source_address, 0))
        sock.connect((host, port))
        scheme = "wss" if parts.scheme == "https" else "ws"
        self.ws = websocket.create_connection(
            f"{scheme}://{parts.netloc}{parts.path}/_stcore/stream", socket=sock, timeout=self.timeout,
            subprotocols=["streamlit"], origin=f"{parts.scheme}://{parts.netloc}")
        return self

    def close(self) -> None:
        if self.ws is not None:
            try:
                self.ws.close(timeout=2)
            except (OSError, websocket.WebSocketException):
                pass
            self.ws = None

    # --- requests -------------------------------------------------------------------------------------
    def load(self, page: str = "", query: str = "") -> Answer:
        """A page load (the address typed, a link opened): the page's URL path and query string."""
        self.query_string = query
        return self._rerun(page_name=page, page_hash="")

    def go_to(self, page: str) -> Answer:
        """A click on a page's link in the navigation."""
        if page not in self.pages:
            raise ProtocolError(f"no page '{page}' in the navigation (pages: {', '.join(self.pages) or 'none'})")
        self.query_string = ""  # the page drops the query string on a page change; the script writes its own
        return self._rerun(page_hash=self.pages[page])

    def choose(self, widget: Widget, option: str) -> Answer:
        """Pick ``option`` (the text shown) in a selectbox."""
        if option not in widget.options:
            raise ProtocolError(f"'{option}' is not an option of '{widget.label}' ({widget.options})")
        return self._set(widget, string_value=option)

    def type(self, widget: Widget, text: str) -> Answer:
        """Type ``text`` into a text box and press Enter."""
        return self._set(widget, string_value=text)

    def widget(self, kind: str, label: str | None = None, key: str | None = None) -> Widget:
        """The widget of this kind on the page with this label (as written) or key."""
        for w in self.widgets.values():
            if w.kind == kind and ((label is not None and w.label == label) or
                                   (key is not None and (w.key == key or
                                                         getattr(w.proto, "query_param_key", "") == key))):
                return w
        raise ProtocolError(f"no {kind} labelled {label!r} or keyed {key!r} on the page "
                            f"(widgets: {', '.join(f'{w.kind} {w.label!r}' for w in self.widgets.values())})")

    @property
    def page(self) -> str:
        """The url path of the page shown ('' for the default page)."""
        return next((p for p, h in self.pages.items() if h == self.page_hash), "")

    def current(self, widget: Widget) -> str | None:
        """The option this client chose in a selectbox (None: the page's default)."""
        state = self.values.get(widget.id)
        return state.string_value if state is not None else None

    # --- the protocol ---------------------------------------------------------------------------------
    def _set(self, widget: Widget, **value) -> Answer:
        self.values[widget.id] = WidgetState(id=widget.id, **value)
        key = getattr(widget.proto, "query_param_key", "")
        if key and "string_value" in value:  # a widget bound to the URL: the browser writes its parameter
            query = dict(urllib.parse.parse_qsl(self.query_string))
            query[key] = value["string_value"]
            self.query_string = urllib.parse.urlencode(query)
        return self._rerun(page_hash=self.page_hash, fragment_id=widget.fragment_id)

    def _rerun(self, page_name: str = "", page_hash: str = "", fragment_id: str = "") -> Answer:
        if self.ws is None:
            raise ProtocolError("the session is not open")
        back = BackMsg()
        cs = back.rerun_script
        cs.query_string = self.query_string
        cs.page_name = page_name
        cs.page_script_hash = page_hash
        cs.fragment_id = fragment_id
        for wid, state in self.values.items():
            if wid in self.widgets:
                cs.widget_states.widgets.add().CopyFrom(state)
        cs.cached_message_hashes.extend(self.cache)
        ci = cs.context_info
        ci.timezone, ci.timezone_offset, ci.locale = "Asia/Ho_Chi_Minh", -420, "vi-VN"
        ci.url, ci.is_embedded, ci.color_scheme = self.url + "/", False, "light"
        t0 = time.perf_counter()
        try:
            self.ws.send_binary(back.SerializeToString())
        except (OSError, websocket.WebSocketException) as exc:
            raise ProtocolError(f"sending the request failed: {type(exc).__name__}: {exc}") from exc
        return self._until_finished(t0, bool(fragment_id))

    def _until_finished(self, t0: float, fragment: bool) -> Answer:
        deadline = t0 + self.timeout
        answer = Answer("", 0.0, 0, 0, "")
        seen: set[str] = set()
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise ProtocolError(f"no end of the run within {self.timeout:.0f} s")
            self.ws.settimeout(left)
            try:
                opcode, data = self.ws.recv_data()
            except websocket.WebSocketTimeoutException as exc:
                raise ProtocolError(f"no end of the run within {self.timeout:.0f} s") from exc
            except (OSError, websocket.WebSocketException) as exc:
                raise ProtocolError(f"the connection broke: {type(exc).__name__}: {exc}") from exc
            if opcode == websocket.ABNF.OPCODE_CLOSE:
                raise ProtocolError("the server closed the connection")
            if opcode != websocket.ABNF.OPCODE_BINARY:
                continue
            answer.messages += 1
            answer.bytes += len(data)
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if kind == "ref_hash":
                if msg.ref_hash not in self.cache:
                    answer.errors.append(f"a reference to a message this page does not hold ({msg.ref_hash})")
                    continue
                ref, msg = msg, ForwardMsg()
                msg.CopyFrom(self.cache[ref.ref_hash])
                msg.metadata.CopyFrom(ref.metadata)
                kind = msg.WhichOneof("type")
                self.cache_age[msg.hash] = self.runs
            elif msg.metadata.cacheable:
                self.cache[msg.hash] = msg
                self.cache_age[msg.hash] = self.runs
            if kind == "new_session":
                if msg.new_session.initialize.session_id:
                    self.session_id = msg.new_session.initialize.session_id
                self.page_hash = msg.new_session.page_script_hash
                self.max_age = msg.new_session.config.max_cached_message_age or self.max_age
                if not fragment:
                    seen.clear()
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
                self.page_hash = msg.navigation.page_script_hash or self.page_hash
            elif kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                self._element(msg, seen, answer)
            elif kind == "script_finished":
                status = msg.script_finished
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise ProtocolError("the script did not compile")
                if status in FINISHED:
                    answer.kind = FINISHED[status]
                    answer.seconds = time.perf_counter() - t0
                    break
        self.runs += 1
        if answer.kind == "run":  # a whole-script run: widgets it did not draw are gone
            self.widgets = {k: w for k, w in self.widgets.items() if k in seen}
        for h in [h for h, used in self.cache_age.items() if self.runs - used > self.max_age]:
            self.cache.pop(h, None)
            self.cache_age.pop(h, None)
        answer.page = self.page
        return answer

    def _element(self, msg: ForwardMsg, seen: set[str], answer: Answer) -> None:
        el = msg.delta.new_element
        kind = el.WhichOneof("type")
        if kind in WIDGETS:
            proto = getattr(el, kind)
            wid = getattr(proto, "id", "")
            if wid:
                self.widgets[wid] = Widget(kind, wid, getattr(proto, "label", ""), msg.delta.fragment_id, proto)
                seen.add(wid)
        elif kind == "exception":
            answer.errors.append(f"{el.exception.type}: {el.exception.message}"[:300])
        elif kind == "alert" and el.alert.format == Alert.ERROR:
            answer.errors.append(el.alert.body[:300])
        text = _text_of(el)
        if text:
            answer.texts.append(text)
