from django.core.paginator import Paginator
from django.template import Context, Template
from django.utils import translation


def _render(source: str, **context: object) -> str:
    return Template("{% load i18n kern %}" + source).render(Context(context)).strip()


def test_button_is_a_submit_button_with_its_label_in_the_page_language() -> None:
    with translation.override("de"):
        html = _render('{% button _("Save") %}')
    assert html == (
        '<button class="kern-btn kern-btn--primary" type="submit">'
        '<span class="kern-label">Speichern</span></button>'
    )


def test_button_names_the_action_it_submits_and_its_size() -> None:
    html = _render('{% button "Back" "secondary" size="x-small" name="action" value="back" %}')
    assert html == (
        '<button class="kern-btn kern-btn--secondary kern-btn--x-small" type="submit"'
        ' name="action" value="back"><span class="kern-label">Back</span></button>'
    )


def test_link_button_escapes_its_address_and_label() -> None:
    html = _render(
        "{% link_button label href download=True %}",
        label="<b>Export</b>",
        href='/audit/export/?q="x"&page=2',
    )
    assert html == (
        '<a class="kern-btn kern-btn--secondary" href="/audit/export/?q=&quot;x&quot;&amp;page=2"'
        ' download><span class="kern-label">&lt;b&gt;Export&lt;/b&gt;</span></a>'
    )


def test_link_button_of_a_size_loads_its_address_in_place_with_htmx() -> None:
    html = _render('{% link_button "Add" "/p/1/add/" size="x-small" hx_target="#profile-work" %}')
    assert html == (
        '<a class="kern-btn kern-btn--secondary kern-btn--x-small" href="/p/1/add/"'
        ' hx-get="/p/1/add/" hx-target="#profile-work" hx-swap="outerHTML">'
        '<span class="kern-label">Add</span></a>'
    )


def test_pagination_links_the_neighbours_and_keeps_the_filters() -> None:
    page = Paginator(list(range(120)), 50).get_page(2)
    with translation.override("de"):
        html = _render("{% pagination page querystring %}", page=page, querystring="q=Kaya")
    assert [line.strip() for line in html.splitlines() if line.strip()] == [
        '<nav class="lotse-pagination" aria-label="Seiten">',
        '<a class="kern-link" href="?q=Kaya&amp;page=1">Vorherige Seite</a>',
        '<span class="kern-body--small">Seite 2 von 3</span>',
        '<a class="kern-link" href="?q=Kaya&amp;page=3">Nächste Seite</a>',
        "</nav>",
    ]


def test_pagination_of_a_single_page_is_empty() -> None:
    page = Paginator(list(range(3)), 50).get_page(1)
    assert _render("{% pagination page '' %}", page=page) == ""


def test_description_item_escapes_the_value_once() -> None:
    html = _render(
        "{% description_item term %}{{ value }} <i>ok</i>{% enddescription_item %}",
        term="Name <script>",
        value='Kaya"><b>',
    )
    assert html == (
        '<div class="kern-description-list-item">'
        '<dt class="kern-description-list-item__key">Name &lt;script&gt;</dt>'
        '<dd class="kern-description-list-item__value">Kaya&quot;&gt;&lt;b&gt; <i>ok</i></dd>'
        "</div>"
    )


def test_description_item_leaves_out_the_line_breaks_around_a_long_value() -> None:
    html = _render(
        "{% description_item 'Adresse' %}\n  {{ street }}<br>\n  {{ city }}\n"
        "{% enddescription_item %}",
        street="Hauptstraße 1",
        city="Kassel",
    )
    assert html == (
        '<div class="kern-description-list-item">'
        '<dt class="kern-description-list-item__key">Adresse</dt>'
        '<dd class="kern-description-list-item__value">Hauptstraße 1<br>\n  Kassel</dd>'
        "</div>"
    )


def test_table_head_heads_each_column_and_the_actions_for_screen_readers() -> None:
    with translation.override("de"):
        html = _render('{% table_head _("Name") role actions=_("Actions") %}', role="<Rolle>")
    assert [line.strip() for line in html.splitlines()] == [
        '<thead class="kern-table__header"><tr class="kern-table__row">',
        '<th class="kern-table__header" scope="col">Name</th>',
        '<th class="kern-table__header" scope="col">&lt;Rolle&gt;</th>',
        '<th class="kern-table__header" scope="col">'
        '<span class="kern-sr-only">Aktionen</span></th>',
        "</tr></thead>",
    ]
