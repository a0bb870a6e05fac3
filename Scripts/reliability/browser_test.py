#!/usr/bin/env python3
"""Browser test: the web UI and the forms in a real headless Chromium (Playwright driving Debian's chromium).

Starts `careplan demo` (the main job: a hub with demo offices and every delivery state) on a free loopback port with a
throwaway data folder, then at desktop (1280×900) and phone (390×844) widths, as a user would:

* logs in as the care manager through the login form, reads the inbox and the outbox (every state's label);
* opens the 第6表 unit whose 実績 came back (adding the unread 実績 when it is offered), checks the unit page (帳票 buttons, 送付状 / 受領書 links) and that the page
  does not scroll sideways on a phone;
* opens 「帳票で見る・印刷」: the forms (第6表 and 第7表 per user), 予定 and 実績 lines, the outlined differing days, the note
  naming the 実績 unit; presses 印刷 (the print dialog is replaced by a flag: this proves the button's script runs under
  the page's CSP); in print media the bar is hidden; on a phone the 第6表 grid scrolls inside its sheet, not the page;
* opens the 送付状 and the 受領書;
* logs in as the provider, opens the unread 第6表's forms, and sees the unit turn 受信済;
* 連携先 (desktop): the care manager accepts the day service's request, finds the 福祉用具 office in the directory and
  asks it; the 福祉用具 office accepts; the care manager sends one combined month export split to the three partners
  (preview table, then the status table); the day service sees the arrival and its 未読 count; the care manager opens
  the month page (今月の連携) with a row per user and partner;
* at phone (390 px) and tablet (768 px) widths: the 連携先, month, send and inbox pages do not scroll sideways;
* the model region: the municipality's dashboard (counts, chart, subsidy list and CSV, the estimate), a proposal
  accepted on the office's 連携先 page, and the prefecture's read-only view, at desktop and phone widths;
* 利用期間: the operator's page (every office's standing, a period added through the form) and an office's warning;
* 利用申請: the public form (a refused entry with its problems beside the items, then the receipt), さくら市 approving
  it with a trial, the new administrator logging in with the handed-over password: the checklist, the password
  change, a token for the care software; the demo's just-approved office's checklist at phone width;
* ヘルプ: the index and a rule's page with its example; タイムスタディ (s-cm1) and the region's studies table;
* the operator's pages: 稼働状況 (and the audit log verified), 事業所, アカウント, 監査ログ, at desktop and phone widths.

Fails on any assertion, on a CSP violation or page error in the console, and on a server error. Screenshots of every
page go to .build-reliability/artefacts/browser/ (look at them). Only 127.0.0.1 is used.

Environment: CAREPLAN (binary; default .build/debug/careplan), CHROMIUM (default /usr/bin/chromium), ARTEFACTS.
"""
import csv
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

from playwright.sync_api import sync_playwright, expect

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import hubsetup  # noqa: E402

CAREPLAN = os.environ.get("CAREPLAN", os.path.join(ROOT, ".build", "debug", "careplan"))
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
ARTEFACTS = os.environ.get("ARTEFACTS", os.path.join(ROOT, ".build-reliability", "artefacts", "browser"))
PASSWORD = "careplan-demo"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
TABLET = {"width": 768, "height": 1024}
# The month the partner scenario sends (the demo's own units are of 2025-05…08).
MONTH = "202509"


class Problems:
    """Console errors that must not happen: CSP violations, script errors."""

    def __init__(self):
        self.items = []
        # (status, path) answers a step provokes on purpose, e.g. a refused form.
        self.allowed = set()

    def allow(self, status, path):
        self.allowed.add((status, path))

    def watch(self, page, label):
        # A missing resource is reported by URL below (the browser's own /favicon.ico request is expected to 404).
        page.on("console", lambda m: m.type == "error" and not m.text.startswith("Failed to load resource")
                and self.items.append(f"{label}: console: {m.text}"))
        page.on("pageerror", lambda e: self.items.append(f"{label}: page error: {e}"))
        page.on("response", lambda r: r.status >= 400 and not r.url.endswith("/favicon.ico")
                and (r.status, "/" + r.url.split("/", 3)[-1]) not in self.allowed
                and self.items.append(f"{label}: {r.status} {r.url}"))


def shot(page, name):
    page.screenshot(path=os.path.join(ARTEFACTS, f"{name}.png"), full_page=True)


def login(page, base, login_name, landing="/web/inbox"):
    page.goto(f"{base}/web/login")
    page.fill("input[name=loginName]", login_name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}{landing}")


def no_sideways_scroll(page, what):
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{what}: the page scrolls sideways by {overflow} px"


def unit_links(page):
    return page.eval_on_selector_all("a[href^='/web/units/']", "els => els.map(e => e.getAttribute('href'))")


def care_manager(browser, base, viewport, problems):
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="ja-JP")
    # The print dialog cannot be shown headless: replace it by a flag the test reads.
    context.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    page = context.new_page()
    problems.watch(page, f"cm/{viewport}")
    login(page, base, "cm")
    expect(page.locator("h1")).to_contain_text("受信一覧")
    shot(page, f"{viewport}-inbox")
    page.goto(f"{base}/web/outbox")
    expect(page.locator("h1")).to_contain_text("送信一覧")
    for label in ["取込済", "取込不可", "取り下げ", "期限切れ"]:
        expect(page.locator("main, body").first).to_contain_text(label)
    if viewport == "phone":
        no_sideways_scroll(page, "outbox")
    shot(page, f"{viewport}-outbox")

    # The 第6表 unit whose 実績 came back: its print view names the 実績 unit.
    found = None
    for href in unit_links(page):
        if href.count("/") != 3:
            continue
        page.goto(base + href)
        if page.locator("#forms a", has_text="帳票で見る").count() == 0:
            continue
        if "第6表" not in page.content():
            continue
        page.click("#forms a:has-text('帳票で見る')")
        page.wait_for_load_state()
        if page.locator("#counterpart, #counterpart-offer").count() == 1:
            found = href
            break
    assert found, "no 第6表 unit with its 実績 in the demo's outbox"
    if viewport == "desktop":
        # The demo's 実績 is unread by the care manager: the first visit must offer it, not read it.
        assert page.locator("#counterpart-offer").count() == 1, "the unread 実績 must be offered, not read on the way"
    if page.locator("#counterpart-offer").count() == 1:
        # The 実績 is unread: offered, not read; adding it receives it.
        assert page.locator("section[data-form=service-use] td.differs").count() == 0
        page.click("#counterpart-offer a")
        page.wait_for_load_state()
        expect(page.locator("#counterpart")).to_be_visible()
    page.goto(base + found)
    expect(page.locator("#forms a", has_text="帳票で見る・印刷")).to_be_visible()
    expect(page.locator("#zip")).to_be_visible()
    expect(page.locator("#sheets")).to_contain_text("送付状")
    if viewport == "phone":
        no_sideways_scroll(page, "unit page")
    shot(page, f"{viewport}-unit")

    page.click("#forms a:has-text('帳票で見る')")
    page.wait_for_load_state()
    expect(page.locator("#counterpart")).to_be_visible()
    sections = page.locator("section.form")
    users = page.locator("div.user").count()
    assert users >= 1, "no user on the forms"
    assert page.locator("section[data-form=service-use]").count() == users, "a 第6表 per user"
    assert page.locator("section[data-form=annex]").count() == users, "a 第7表 per user"
    assert page.locator("section[data-form=service-use] tr.result").count() > 0, "実績 lines"
    assert page.locator("section[data-form=service-use] td.differs").count() > 0, "differing days outlined"
    expect(page.locator("#counterpart")).to_contain_text("実績は")
    expect(page.locator("section[data-form=service-use] h1").first).to_have_text("サービス利用票（兼居宅サービス計画）")
    # 31 day columns with their weekdays.
    assert page.locator("section[data-form=service-use] thead tr").first.locator("th").count() == 4 + 31 + 1
    page.click("#print")
    assert page.evaluate("window.__printed") == 1, "印刷 did not call window.print (blocked by the CSP?)"
    if viewport == "phone":
        no_sideways_scroll(page, "forms")
        grid = page.locator("section[data-form=service-use]").first
        inner = grid.evaluate("e => e.scrollWidth - e.clientWidth")
        assert inner > 0, "on a phone the 第6表 grid should scroll inside its sheet"
    shot(page, f"{viewport}-forms")
    page.emulate_media(media="print")
    assert page.locator("nav.toolbar").evaluate("e => getComputedStyle(e).display") == "none", "the bar must not print"
    page.emulate_media(media="screen")
    assert sections.count() >= 2 * users

    unit_id = found.rsplit("/", 1)[1]
    for sheet, title in [("cover", "送付状"), ("receipt-sheet", "受領書")]:
        page.goto(f"{base}/web/units/{unit_id}/{sheet}")
        expect(page.locator("h1")).to_have_text(title)
        assert page.locator("td.sha").count() >= 3, f"{title}: the files' SHA-256"
        if viewport == "phone":
            no_sideways_scroll(page, title)
        shot(page, f"{viewport}-{sheet}")
    context.close()


def provider_reads(browser, base, problems):
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="ja-JP")
    page = context.new_page()
    problems.watch(page, "helper")
    login(page, base, "helper")
    expect(page.locator("#unread")).to_have_text(re.compile(r"未読 \d+件"))
    unread_before = int(re.search(r"\d+", page.locator("#unread").inner_text()).group())
    row = page.locator("tr", has=page.locator("td", has_text=re.compile("^未読$"))).first
    expect(row).to_be_visible()
    href = row.locator("a[href^='/web/units/']").first.get_attribute("href")
    page.goto(base + href)
    expect(page.locator("body")).to_contain_text("帳票を開くとファイルを受信したことになり")
    page.click("#forms a:has-text('帳票で見る')")
    page.wait_for_load_state()
    assert page.locator("section.form").count() > 0
    page.goto(base + href)
    expect(page.locator("#state")).to_have_text(re.compile("受信済"))
    shot(page, "desktop-provider-unit-after-forms")
    page.goto(f"{base}/web/inbox")
    after = page.locator("#unread")
    unread_after = int(re.search(r"\d+", after.inner_text()).group()) if after.count() else 0
    assert unread_after == unread_before - 1, f"未読 {unread_before} → {unread_after} after reading one unit"
    context.close()


def partners_and_month(browser, base, problems, work):
    """Link partners, send a month to three of them at once, see it arrive, read the month page."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="ja-JP")
    page = context.new_page()
    problems.watch(page, "partners")
    login(page, base, "cm")
    page.click("header a:has-text('連携先')")
    expect(page.locator("h1")).to_have_text("連携先")
    expect(page.locator("#incoming")).to_contain_text("麹町デイサービス（通所介護・1310100039）")
    shot(page, "desktop-partners-incoming")
    page.click("#incoming form[action$='/accept'] button")
    expect(page.locator("#message")).to_contain_text("承認しました")
    expect(page.locator("#linked")).to_contain_text("麹町デイサービス")
    # The directory: by name.
    page.fill("#search input[name=q]", "番町")
    page.click("#search button")
    expect(page.locator("#found")).to_contain_text("番町福祉用具センター（福祉用具貸与・1310100047）")
    shot(page, "desktop-partners-search")
    page.click("#found form[action$='/request'] button")
    expect(page.locator("#message")).to_contain_text("連携を申請しました")
    expect(page.locator("#outgoing")).to_contain_text("申請中")
    context.close()

    # The 福祉用具 office accepts.
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="ja-JP")
    page = context.new_page()
    problems.watch(page, "equipment")
    login(page, base, "equipment")
    page.goto(f"{base}/web/partners")
    page.click("#incoming form[action$='/accept'] button")
    expect(page.locator("#linked")).to_contain_text("ちよだ居宅介護支援センター")
    context.close()

    # One combined export of six users, split per recipient and sent at once.
    export = os.path.join(work, "export")
    subprocess.run([CAREPLAN, "sample", "monthly-plan", "--users", "6", "--month", MONTH, "--out", export], check=True, capture_output=True)
    files = sorted(os.path.join(export, f) for f in os.listdir(export))
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="ja-JP")
    page = context.new_page()
    problems.watch(page, "batch")
    login(page, base, "cm")
    page.goto(f"{base}/web/send")
    page.set_input_files("#files", files)
    page.check("#split")
    page.click("form.login button[type=submit]")
    expect(page.locator("h1")).to_have_text("まとめて送信（確認）")
    expect(page.locator("#batch-summary")).to_have_text("送信単位 3件のうち、送信できるもの 3件・送れないもの 0件")
    for name in ["神田ヘルパーステーション", "麹町デイサービス", "番町福祉用具センター"]:
        expect(page.locator("#batch")).to_contain_text(name)
    shot(page, "desktop-batch-preview")
    page.click("button:has-text('送信できる3件を送信する')")
    expect(page.locator("h1")).to_have_text("まとめて送信（結果）")
    expect(page.locator("#batch-summary")).to_contain_text("送信しました 3件")
    assert page.locator("#batch a[href^='/web/units/']").count() == 3, "a link to each sent unit"
    shot(page, "desktop-batch-result")

    # 今月の連携: a row per user and partner, each 利用票 unread by its partner.
    page.goto(f"{base}/web/month?month={MONTH}")
    expect(page.locator("h1")).to_have_text("今月の連携 2025年9月")
    rows = page.locator("#month tbody tr")
    assert rows.count() >= 6, f"expected a row per user and partner, got {rows.count()}"
    expect(page.locator("#month")).to_contain_text("最新版は未受信")
    shot(page, "desktop-month")
    context.close()

    # The day service sees the arrival.
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="ja-JP")
    page = context.new_page()
    problems.watch(page, "day")
    login(page, base, "day")
    expect(page.locator("#unread")).to_have_text("未読 1件")
    expect(page.locator("#units")).to_contain_text("2025年9月分 サービス利用票・別表")
    expect(page.locator("#units")).to_contain_text("ちよだ居宅介護支援センター")
    shot(page, "desktop-day-inbox")
    context.close()


def refused_send(browser, base, problems, work):
    """A 第1表 with Excel's dates in every row: refused, one grouped line per cause with its count, the user and the value."""
    refused = os.path.join(work, "refused")
    subprocess.run([CAREPLAN, "sample", "care-plan", "--users", "5", "--month", MONTH, "--out", refused], check=True, capture_output=True)
    table1 = next(os.path.join(refused, f) for f in os.listdir(refused) if f.startswith("UP1KYO"))
    data = open(table1, "rb").read()
    dates = {row[17] for row in csv.reader(io.StringIO(data.decode("cp932"), newline="")) if row[17]}
    for date in dates:
        data = data.replace(f",{date},".encode(), f",{date[:4]}/{date[4:6]}/{date[6:]},".encode())
    open(table1, "wb").write(data)
    files = sorted(os.path.join(refused, f) for f in os.listdir(refused))
    for viewport in ["desktop", "phone"]:
        context = browser.new_context(viewport=VIEWPORTS[viewport], locale="ja-JP")
        page = context.new_page()
        # The refusal answers 422; the page is still the send page with its table.
        problems.allow(422, "/web/send")
        problems.watch(page, f"refused/{viewport}")
        login(page, base, "cm")
        page.goto(f"{base}/web/send")
        page.set_input_files("#files", files)
        page.click("form.login button[type=submit]")
        expect(page.locator("p.error")).to_contain_text("何も保存していません")
        rows = page.locator("#problems tbody tr")
        assert rows.count() == 1, f"one line for the one cause, got {rows.count()}"
        expect(rows.first.locator("td.count")).to_have_text("5")
        assert page.locator("#problems td.insured").first.inner_text().strip(), "the first row's 被保険者番号"
        expect(rows.first.locator("td.value")).to_contain_text("/")
        expect(rows.first).to_contain_text("Excel")
        if viewport == "phone":
            no_sideways_scroll(page, "refused send")
        shot(page, f"{viewport}-send-refused")
        context.close()


def conformance_report(browser, problems, work):
    """`careplan conformance --format html` on the conformance set without its 第3表: a page a vendor opens from disk."""
    folder = os.path.join(work, "conformance-set")
    subprocess.run([CAREPLAN, "sample", "--conformance-set", "--out", folder], check=True, capture_output=True)
    for name in os.listdir(folder):
        if name.startswith("UP3KYO"):
            os.remove(os.path.join(folder, name))
    report = os.path.join(work, "conformance.html")
    result = subprocess.run([CAREPLAN, "conformance", folder, "--format", "html", "--out", report], capture_output=True)
    assert result.returncode == 1, "an incomplete set must fail the kit"
    for viewport in ["desktop", "phone"]:
        context = browser.new_context(viewport=VIEWPORTS[viewport], locale="ja-JP")
        page = context.new_page()
        problems.watch(page, f"conformance/{viewport}")
        page.goto("file://" + report)
        expect(page.locator("h1")).to_contain_text("ベンダーテスト")
        expect(page.locator("body")).to_contain_text("不合格")
        rows = page.locator("table").first.locator("tbody tr")
        assert rows.count() == 14, f"a row per vendor test pattern, got {rows.count()}"
        expect(rows.first).to_contain_text("NG")
        expect(rows.first).to_contain_text("UP3KYO")
        if viewport == "phone":
            no_sideways_scroll(page, "conformance report")
        shot(page, f"{viewport}-conformance-report")
        context.close()


def narrow_pages(browser, base, problems):
    """The new pages at phone and tablet widths: readable, no sideways scrolling."""
    for name, viewport in [("phone", VIEWPORTS["phone"]), ("tablet", TABLET)]:
        context = browser.new_context(viewport=viewport, locale="ja-JP")
        page = context.new_page()
        problems.watch(page, f"narrow/{name}")
        login(page, base, "cm")
        for path, shot_name in [("/web/inbox", "inbox"), ("/web/partners?q=%E7%95%AA%E7%94%BA", "partners"),
                                (f"/web/month?month={MONTH}", "month"), ("/web/send", "send")]:
            page.goto(base + path)
            no_sideways_scroll(page, f"{name} {path}")
            shot(page, f"{name}-{shot_name}")
        context.close()


def english_and_settings(browser, base, problems):
    """A browser set to English gets English pages; the switch goes to Japanese and back (kept in a cookie); the
    notification address is saved on 通知設定, at desktop and phone widths."""
    for name in ("desktop", "phone"):
        context = browser.new_context(viewport=VIEWPORTS[name], locale="en-US")
        page = context.new_page()
        problems.watch(page, f"english/{name}")
        page.goto(f"{base}/web/login")
        assert page.get_attribute("html", "lang") == "en", "an English browser gets the English login page"
        assert "Login name" in page.inner_text("form"), page.inner_text("form")
        login(page, base, "cm")
        assert page.inner_text("h1") == "Inbox", page.inner_text("h1")
        no_sideways_scroll(page, f"{name} English inbox")
        shot(page, f"{name}-inbox-english")
        page.click("#language")
        assert page.inner_text("h1") == "受信一覧" and page.get_attribute("html", "lang") == "ja"
        page.goto(f"{base}/web/outbox")
        assert page.inner_text("h1") == "送信一覧", "the choice is kept"
        page.click("#language")
        assert page.inner_text("h1") == "Sent"
        page.goto(f"{base}/web/settings")
        page.fill("#email", "chiyoda-kyotaku@example.jp")
        page.click("#notification-form button[type=submit]")
        page.wait_for_url(f"{base}/web/settings?done=saved")
        assert page.input_value("#email") == "chiyoda-kyotaku@example.jp" and "Saved." in page.inner_text("main")
        no_sideways_scroll(page, f"{name} settings")
        shot(page, f"{name}-settings-english")
        page.goto(f"{base}/web/settings?lang=ja")
        assert "通知先メールアドレス" in page.inner_text("main")
        shot(page, f"{name}-settings")
        context.close()


def region_dashboard(browser, base, problems):
    """The demo's model region: the municipality's dashboard (counts, the SVG chart, the subsidy list and its CSV, the
    estimate's parameters), a proposal accepted by the office it waited for, and the prefecture's read-only view, at
    desktop and phone widths."""
    for name in ("desktop", "phone"):
        context = browser.new_context(viewport=VIEWPORTS[name], locale="ja-JP", accept_downloads=True)
        page = context.new_page()
        problems.watch(page, f"region/{name}")
        login(page, base, "city", landing="/web/region")
        assert page.inner_text("h1") == "地域の状況", page.inner_text("h1")
        counts = {key: page.inner_text(f"#count-{key}") for key in ("invited", "joined", "active", "declined")}
        assert counts == {"invited": "1", "joined": "23", "active": "22", "declined": "1"}, counts
        bars = page.locator("svg#chart rect").count()
        assert bars >= 6, f"the chart has {bars} bars"
        assert page.locator("svg#chart").bounding_box()["width"] > 300, "the chart is drawn at a readable width"
        assert page.locator("#qualifying tbody tr").count() == 2 and page.locator("#near tbody tr").count() == 2
        assert "さくら居宅介護支援センター" in page.inner_text("#qualifying")
        no_sideways_scroll(page, f"{name} region dashboard")
        shot(page, f"{name}-region")
        if name == "desktop":
            with page.expect_download() as download:
                page.click("#subsidy-csv")
            text = open(download.value.path(), encoding="utf-8-sig", newline="").read()
            assert text.startswith('"年度","地域","判定","事業所番号"') and text.count("\r\n") == 20, text[:300]
            # The estimate: 100 sheets a month instead of 120.
            page.fill("#estimate-form input[name=sheetsPerMonth]", "100")
            page.click("#estimate-form button[type=submit]")
            page.wait_for_url(re.compile(r".*done=estimate"))
            assert page.inner_text("#estimate-office") == "224,000円", page.inner_text("#estimate-office")
            # s-cm3 accepts the city's proposal, which s-day7 had accepted: they are linked.
            office = context.new_page()
            problems.watch(office, "region/s-cm3")
            context.clear_cookies()
            login(office, base, "s-cm3")
            office.goto(f"{base}/web/partners")
            assert "さくら東デイサービス" in office.inner_text("#proposals")
            office.click("#proposals button.primary")
            office.wait_for_url(re.compile(r".*done=proposalLinked"))
            assert "さくら東デイサービス" in office.inner_text("#linked")
            shot(office, "desktop-partners-region")
            context.clear_cookies()
            login(page, base, "city", landing="/web/region")
            assert "成立" in page.inner_text("#proposals")
        context.close()
        # The prefecture: its regions with their numbers; a region's dashboard without the municipality's forms.
        context = browser.new_context(viewport=VIEWPORTS[name], locale="ja-JP")
        page = context.new_page()
        problems.watch(page, f"prefecture/{name}")
        login(page, base, "pref", landing="/web/region")
        assert "さくら市モデル地域" in page.inner_text("#regions")
        page.click("#regions a")
        assert page.inner_text("#count-joined") == "23" and page.locator("#invite").count() == 0 and page.locator("#estimate-form").count() == 0
        no_sideways_scroll(page, f"{name} prefecture")
        shot(page, f"{name}-region-prefecture")
        context.close()


def licences(browser, base, problems):
    """利用期間: the operator's page lists every office's standing and adds a period through its form; s-cm4's pages
    warn that its trial ends; at desktop and phone widths."""
    for name in ("desktop", "phone"):
        context = browser.new_context(viewport=VIEWPORTS[name], locale="ja-JP")
        page = context.new_page()
        problems.watch(page, f"licences/{name}")
        login(page, base, "operator", landing="/web/operator/licences")
        assert page.inner_text("h1") == "利用期間"
        table = page.inner_text("#licences")
        assert "利用中（お試し利用" in table and "終了（受信は" in table and "期間の定めなし" in table, table[:500]
        if name == "desktop":
            page.fill("#licence-add input[name=office]", "1399900102_43")
            page.select_option("#licence-add select[name=kind]", "municipal")
            page.fill("#licence-add input[name=from]", "2026-04-01")
            page.fill("#licence-add input[name=until]", "2027-03-31")
            page.click("#licence-add button[type=submit]")
            page.wait_for_url(re.compile(r".*done=added"))
            assert "自治体の事業 2026-04-01〜2027-03-31" in page.inner_text("#licences")
        no_sideways_scroll(page, f"{name} licences")
        shot(page, f"{name}-licences")
        context.clear_cookies()
        login(page, base, "s-cm4")
        assert "あと12日" in page.inner_text("#licence") and "までです" in page.inner_text("#licence"), page.inner_text("main")[:300]
        no_sideways_scroll(page, f"{name} inbox with the licence warning")
        shot(page, f"{name}-inbox-licence")
        context.close()


def onboarding(browser, base, problems):
    """利用申請 from the public form to a working office: refused items named, the receipt, さくら市's approval with a
    trial and the one-time password, the first login's checklist, the password change and a token."""
    numbers = {"desktop": "1399900603", "phone": "1399900604"}
    for name in ("desktop", "phone"):
        context = browser.new_context(viewport=VIEWPORTS[name], locale="ja-JP")
        page = context.new_page()
        problems.watch(page, f"apply/{name}")
        page.goto(f"{base}/web/login")
        page.click("#apply-link")
        page.wait_for_url(f"{base}/web/apply")
        page.fill("#number", "１３９９９００６０" + numbers[name][-1])
        page.select_option("#serviceType", "15")
        page.fill("#name", f"つばめデイサービス{'' if name == 'desktop' else '南'}")
        page.fill("#contactName", "燕 一郎")
        page.fill("#contact", "03-0000-0603")
        if name == "desktop":
            # A municipality code whose check digit is wrong: refused, the item marked, what was typed kept.
            page.fill("#municipality", "139999")
            problems.allow(422, "/web/apply")
            page.click("#apply button[type=submit]")
            expect(page.locator("#municipality-problem")).to_contain_text("検査数字")
            assert page.get_attribute("#municipality", "aria-invalid") == "true"
            assert page.input_value("#name") == "つばめデイサービス"
            no_sideways_scroll(page, f"{name} apply refused")
            shot(page, f"{name}-apply-refused")
            problems.allowed.discard((422, "/web/apply"))
        page.fill("#municipality", "139998")
        page.click("#apply button[type=submit]")
        expect(page.locator("#received")).to_be_visible()
        assert "ハブの運用者またはさくら市" in page.inner_text("main")
        no_sideways_scroll(page, f"{name} apply received")
        shot(page, f"{name}-apply-received")
        context.close()

    # さくら市 approves the desktop one with a 90-day trial; the new administrator logs in with the handed-over password.
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="ja-JP")
    page = context.new_page()
    problems.watch(page, "applications/city")
    login(page, base, "city", landing="/web/region")
    page.click("header a[href='/web/applications']")
    assert int(page.inner_text("#pending-count")) >= 3, page.inner_text("#pending-count")
    shot(page, "desktop-applications")
    row = page.locator("#applications tr", has_text="つばめデイサービス（通所介護・1399900603）")
    row.locator("a").first.click()
    page.fill("#approve input[name=loginName]", "tsubame-admin")
    page.click("#approve button[type=submit]")
    password = page.inner_text("#handover-password")
    assert re.fullmatch(r"[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}", password), password
    shot(page, "desktop-application-approved")
    context.clear_cookies()
    page.goto(f"{base}/web/login")
    page.fill("input[name=loginName]", "tsubame-admin")
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    # A handed-over password is changed first: the login leads to the password page, and the inbox waits.
    page.wait_for_url(f"{base}/web/settings/password")
    expect(page.locator("#must-change")).to_be_visible()
    shot(page, "desktop-password-must-change")
    page.goto(f"{base}/web/inbox")
    page.wait_for_url(f"{base}/web/settings/password")
    page.fill("#current", password)
    page.fill("#new", "tsubame-password-1")
    page.fill("#confirmation", "tsubame-password-1")
    page.click("#password-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/web/inbox\?done=passwordChanged"))
    assert page.inner_text("#checklist-count") == "1/3", page.inner_text("#checklist-count")
    shot(page, "desktop-checklist")
    page.goto(f"{base}/web/settings/software")
    page.fill("#token-form input[name=label]", "つばめ介護ソフト")
    page.click("#token-form button[type=submit]")
    token = page.inner_text("#token-secret")
    assert token.startswith("cpl_"), token
    shot(page, "desktop-software-token")
    page.goto(f"{base}/web/inbox")
    assert page.inner_text("#checklist-count") == "2/3"
    context.close()

    # The demo's just-approved office at phone width: its first login changes the password, then the checklist shows.
    context = browser.new_context(viewport=VIEWPORTS["phone"], locale="ja-JP")
    page = context.new_page()
    problems.watch(page, "checklist/phone")
    login(page, base, "new", landing="/web/settings/password")
    page.fill("#current", PASSWORD)
    page.fill("#new", "sakura-nurse-password-1")
    page.fill("#confirmation", "sakura-nurse-password-1")
    page.click("#password-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/web/inbox\?done=passwordChanged"))
    assert page.inner_text("#checklist-count") == "1/3"
    assert "お試し利用" not in page.inner_text("#checklist")
    no_sideways_scroll(page, "phone checklist")
    shot(page, "phone-checklist")
    context.close()


def help_and_studies(browser, base, problems):
    """ヘルプ (public): the index and a rule's page, whose example does not push the phone page sideways; タイムスタディ
    of s-cm1 and the region's table of studies."""
    for name in ("desktop", "phone"):
        context = browser.new_context(viewport=VIEWPORTS[name], locale="ja-JP")
        page = context.new_page()
        problems.watch(page, f"help/{name}")
        page.goto(f"{base}/web/help")
        assert page.locator("a[href='/web/help/rules/field.required']").count() == 1
        no_sideways_scroll(page, f"{name} help index")
        shot(page, f"{name}-help")
        page.click("a[href='/web/help/rules/field.notARealDate']")
        expect(page.locator("#bad")).to_contain_text("20250631")
        no_sideways_scroll(page, f"{name} help rule")
        shot(page, f"{name}-help-rule")
        login(page, base, "s-cm1")
        page.goto(f"{base}/web/settings/time-study")
        assert page.input_value("input[name='sendPlans.before']") == "15"
        expect(page.locator("#saved")).to_contain_text("月900分")
        no_sideways_scroll(page, f"{name} time study")
        shot(page, f"{name}-time-study")
        context.clear_cookies()
        login(page, base, "city", landing="/web/region")
        assert page.locator("#studies tbody tr").count() == 2
        context.close()


def operator_pages(browser, base, problems):
    """The operator's 稼働状況 (with the audit log verified), 事業所, アカウント and 監査ログ, desktop and phone."""
    for name in ("desktop", "phone"):
        context = browser.new_context(viewport=VIEWPORTS[name], locale="ja-JP")
        page = context.new_page()
        problems.watch(page, f"operator/{name}")
        login(page, base, "operator", landing="/web/operator/licences")
        page.goto(f"{base}/web/operator/health")
        assert "synchronous=full" in page.inner_text("#health")
        page.click("#verify")
        expect(page.locator("#verification")).to_contain_text("改ざんされていません")
        no_sideways_scroll(page, f"{name} health")
        shot(page, f"{name}-operator-health")
        page.goto(f"{base}/web/operator/offices?q=139998")
        assert page.locator("#offices tbody tr").count() >= 20
        no_sideways_scroll(page, f"{name} operator offices")
        shot(page, f"{name}-operator-offices")
        page.goto(f"{base}/web/operator/accounts")
        assert page.locator("#accounts tbody tr").count() >= 30
        no_sideways_scroll(page, f"{name} operator accounts")
        shot(page, f"{name}-operator-accounts")
        page.goto(f"{base}/web/operator/audit?action=application")
        assert "application.approve" in page.inner_text("#audit")
        no_sideways_scroll(page, f"{name} operator audit")
        shot(page, f"{name}-operator-audit")
        context.close()


def main():
    os.makedirs(ARTEFACTS, exist_ok=True)
    work = tempfile.mkdtemp(prefix="careplan-browser.")
    port = hubsetup.free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(os.path.join(work, "demo.log"), "w")
    server = subprocess.Popen(
        [CAREPLAN, "demo", "--data", os.path.join(work, "data"), "--host", "127.0.0.1", "--port", str(port), "--no-open"],
        stdout=log, stderr=subprocess.STDOUT)
    problems = Problems()
    try:
        hubsetup.wait_health(port, timeout=60, process=server)
        started = time.monotonic()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for viewport in VIEWPORTS:
                care_manager(browser, base, viewport, problems)
            provider_reads(browser, base, problems)
            partners_and_month(browser, base, problems, work)
            refused_send(browser, base, problems, work)
            conformance_report(browser, problems, work)
            narrow_pages(browser, base, problems)
            english_and_settings(browser, base, problems)
            region_dashboard(browser, base, problems)
            licences(browser, base, problems)
            onboarding(browser, base, problems)
            help_and_studies(browser, base, problems)
            operator_pages(browser, base, problems)
            browser.close()
        assert not problems.items, "browser console:\n" + "\n".join(problems.items)
        shots = sorted(f for f in os.listdir(ARTEFACTS) if f.endswith(".png"))
        print(f"browser_test: passed in {time.monotonic() - started:.1f} s; {len(shots)} screenshots in {ARTEFACTS}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        if server.returncode not in (0, -15, None):
            print(open(os.path.join(work, "demo.log")).read()[-3000:], file=sys.stderr)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
