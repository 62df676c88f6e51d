"""The pages in a real browser (Debian Chromium via Playwright) against a real server:
every page renders, filters change what is shown, the article reader highlights the
seed visits, stored markup stays inert, and no request leaves localhost."""

from __future__ import annotations

import httpx


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-state=ready]", timeout=30_000)


def _local_only(page, base: str) -> None:
    outside = [u for u in page.requests if not u.startswith((base, "data:", "about:"))]
    assert not outside, outside
    assert not page.errors, page.errors


def test_web_overview_shows_counts_and_latest_events(page, live_server):
    _open(page, f"{live_server}/")
    assert int(page.get_attribute("[data-testid=count-articles]", "data-value")) == 15
    assert page.locator("#latest-events-table tr[data-event-id]").count() > 0
    _local_only(page, live_server)


def test_web_events_filters_change_the_table(page, live_server):
    _open(page, f"{live_server}/events")
    everything = page.locator("#events-table tr[data-event-id]").count()
    assert everything > 0
    assert page.locator("#timeline-svg .period").count() > 0
    page.fill("#f-dyad", "NATO,ARM")
    page.click("[data-testid=filter-apply]")
    page.wait_for_selector("body[data-state=ready]")
    page.wait_for_function(
        "n => document.querySelectorAll('#events-table tr[data-event-id]').length < n",
        arg=everything,
    )
    codes = page.locator("#events-table tr[data-event-id]").all_inner_texts()
    assert codes and all("NATO" in row and "ARM" in row for row in codes)
    _local_only(page, live_server)


def test_web_article_reader_highlights_the_seed_visits(page, live_server):
    found = httpx.get(f"{live_server}/api/articles", params={"q": "travels in Baku"}).json()
    _open(page, f"{live_server}/articles/{found['items'][0]['id']}")
    triggers = page.locator("#article-text mark.event-trigger")
    assert triggers.count() > 0
    visit = page.locator("#article-text mark.event-trigger", has_text="visit").first
    visit.click()
    card = page.locator("#event-detail .event-card")
    card.wait_for()
    assert "042" in card.locator("dd[data-field=cameo]").inner_text()
    assert "NATO" in card.locator("dd[data-field=source]").inner_text()
    assert page.locator("#article-text mark.mention[data-actor-id=jens-stoltenberg]").count()
    _local_only(page, live_server)


def test_web_stored_markup_stays_inert(page, live_server):
    found = httpx.get(f"{live_server}/api/articles", params={"q": "onerror"}).json()
    _open(page, f"{live_server}/articles/{found['items'][0]['id']}")
    text = page.inner_text("#article-text")
    assert "<script>" in text and "onerror=" in text
    assert page.evaluate("window.__xss === undefined")
    assert page.locator("#article-text script, #article-text img").count() == 0
    _local_only(page, live_server)


def test_web_actor_page_shows_roles_and_events(page, live_server):
    _open(page, f"{live_server}/actors/jens-stoltenberg")
    assert "Jens Stoltenberg" in page.inner_text("#actor-name")
    assert page.locator("#roles-timeline [data-testid=role-bar]").count() >= 3
    assert page.locator("#as-source-table tr[data-event-id]").count() > 0
    _local_only(page, live_server)


def test_web_network_and_map_draw(page, live_server):
    _open(page, f"{live_server}/network")
    assert page.locator("#network-svg g.node").count() >= 2
    assert page.locator("#network-svg path.edge").count() >= 1
    _open(page, f"{live_server}/map")
    assert page.locator("#map-svg path.country").count() > 100
    assert page.locator("#map-svg circle.place").count() >= 1
    _local_only(page, live_server)


def test_web_actor_page_lists_standing_relations(page, live_server):
    _open(page, f"{live_server}/actors/ARM")
    rows = page.locator("#relations-table tbody tr")
    assert rows.count() >= 3
    text = page.inner_text("#relations-table")
    assert "CSTO" in text and "frozen" in text and "1994-10-05" in text
    _local_only(page, live_server)


def test_web_actor_alignment_and_overview_shifts_render(page, live_server):
    _open(page, f"{live_server}/actors/ARM")
    page.wait_for_selector("#alignment-svg")
    assert int(page.get_attribute("#alignment-svg", "data-points")) >= 1
    _open(page, f"{live_server}/")
    page.wait_for_selector("#shifts-table, #shifts .empty")
    _local_only(page, live_server)
