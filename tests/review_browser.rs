//! The review site in a real browser: `skjema extract --review` on two
//! fixture PDFs and a real transcript, then headless Chromium (driven
//! through chromedriver) opens the index, searches and sorts it, follows a
//! report, clicks a value whose number the fixture's ground truth knows,
//! and checks — by DOM query and by the screenshot's pixels — that its box
//! is highlighted on the page the provenance names, at the provenance box
//! scaled to the rendered page; then clicks a box and finds its value; then
//! opens the transcript and finds its value spans marked.
//!
//! Without Chromium the test is skipped with a message, unless
//! `SKJEMA_REQUIRE_TOOLS` is set (scripts/test installs Chromium and sets it).

#[path = "review_support/webdriver.rs"]
mod webdriver;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};
use skjema_model::Report;
use webdriver::Browser;

const MOSS: &str = "fixtures/pdf/arsrapport_2012-01-moss-lo.pdf";
const NARVIK: &str = "fixtures/pdf/sluttrapport-02-narvik-chromium.pdf";
const LORENSKOG_SEED: &str = "000_";
/// Window of the browser in CSS pixels (one device pixel each).
const WINDOW: (u32, u32) = (1400, 1000);

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// chromium and chromedriver, or None (skipped) when they are missing and
/// not required.
fn tools() -> Option<(PathBuf, PathBuf)> {
    let find = |names: &[&str]| {
        names
            .iter()
            .map(PathBuf::from)
            .find(|p| p.is_file())
            .or_else(|| {
                let name = names.first()?.rsplit('/').next()?;
                std::env::var_os("PATH").and_then(|paths| {
                    std::env::split_paths(&paths)
                        .map(|d| d.join(name))
                        .find(|p| p.is_file())
                })
            })
    };
    let chromium = find(&["/usr/bin/chromium", "/usr/bin/chromium-browser"]);
    let driver = find(&["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]);
    match (chromium, driver) {
        (Some(c), Some(d)) => Some((c, d)),
        _ => {
            assert!(
                std::env::var_os("SKJEMA_REQUIRE_TOOLS").is_none(),
                "chromium and chromedriver are required (SKJEMA_REQUIRE_TOOLS) but missing"
            );
            eprintln!(
                "skipped: the browser test needs chromium and chromium-driver (Debian); scripts/test installs them"
            );
            None
        }
    }
}

fn seed_path(prefix: &str) -> PathBuf {
    let dir = repo().join("../shared/seeds");
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (shared/ must sit beside the repository)",
                dir.display()
            )
        })
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("seed {prefix} not found in {}", dir.display()))
}

fn reports(out: &Path) -> Vec<Report> {
    std::fs::read_to_string(out.join("reports.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// An RGBA screenshot.
struct Shot {
    width: usize,
    rgba: Vec<u8>,
}

impl Shot {
    fn decode(png_bytes: &[u8]) -> Shot {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::ALPHA);
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!(info.color_type, png::ColorType::Rgba);
        Shot {
            width: info.width as usize,
            rgba: buf,
        }
    }

    fn pixel(&self, x: i64, y: i64) -> Option<[u8; 4]> {
        let (x, y) = (usize::try_from(x).ok()?, usize::try_from(y).ok()?);
        if x >= self.width {
            return None;
        }
        let i = (y * self.width + x) * 4;
        self.rgba.get(i..i + 4)?.try_into().ok()
    }

    /// Pixels in [x0, x1) × [y0, y1) for which `test` holds, and all of them.
    fn count(
        &self,
        (x0, y0, x1, y1): (i64, i64, i64, i64),
        test: impl Fn([u8; 4]) -> bool,
    ) -> (usize, usize) {
        let mut hits = 0;
        let mut all = 0;
        for y in y0..y1 {
            for x in x0..x1 {
                if let Some(p) = self.pixel(x, y) {
                    all += 1;
                    hits += usize::from(test(p));
                }
            }
        }
        (hits, all)
    }
}

/// The highlight's yellow (a 45 % #ffd600 fill, over paper or glyphs, or
/// its #c79a00 outline): a hue of about 50°, where the warning orange of an
/// issue box and its blends with white stay at 34° and the page is grey.
fn highlight_yellow([r, g, b, _]: [u8; 4]) -> bool {
    let (r, g, b) = (f64::from(r), f64::from(g), f64::from(b));
    if !(r >= g && g >= b && r - b > 60.0) {
        return false;
    }
    let hue = 60.0 * (g - b) / (r - b);
    (42.0..=62.0).contains(&hue)
}

fn dark([r, g, b, _]: [u8; 4]) -> bool {
    (r as u32 + g as u32 + b as u32) < 3 * 130
}

/// With `SKJEMA_REVIEW_SCREENSHOTS=DIR`, the test's screenshots are kept
/// in DIR (that is how docs/review-*.png are made).
fn keep_screenshot(name: &str, png: &[u8]) {
    if let Some(dir) = std::env::var_os("SKJEMA_REVIEW_SCREENSHOTS") {
        let path = Path::new(&dir).join(name);
        std::fs::write(&path, png).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn a_clicked_value_is_highlighted_at_its_box_on_its_page() {
    let Some((chromium, chromedriver)) = tools() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let seed = seed_path(LORENSKOG_SEED);
    let status = Command::new(env!("CARGO_BIN_EXE_skjema"))
        .current_dir(repo())
        .args(["extract", MOSS, NARVIK])
        .arg(&seed)
        .arg("--out")
        .arg(&out)
        .args(["--review", "--quiet"])
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0), "skjema extract --review failed");
    let site = out.join("review");
    let all = reports(&out);
    assert_eq!(all.len(), 3);
    let moss = all
        .iter()
        .find(|r| r.source.path == MOSS)
        .expect("the Moss fixture's report");
    let transcript = all
        .iter()
        .find(|r| r.source.media_type.starts_with("text/"))
        .expect("the transcript's report");

    // The site is self-contained: no http(s) URL is loaded by any page.
    for page in [
        "index.html".to_string(),
        format!("r/{}.html", moss.report_id),
    ] {
        let html = std::fs::read_to_string(site.join(&page)).unwrap();
        for attribute in [
            "src=\"http",
            "href=\"http",
            "src=\"//",
            "href=\"//",
            "@import",
            "url(",
        ] {
            assert!(!html.contains(attribute), "{page} loads {attribute}…");
        }
    }
    let css = std::fs::read_to_string(site.join("assets/review.css")).unwrap();
    assert!(!css.contains("url(") && !css.contains("@import") && !css.contains("@font-face"));

    // The value: Moss's households A, need at the start of 2012, which the
    // fixture's ground truth gives (the row is that of category A).
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("fixtures/expected/arsrapport_2012-01-moss-lo.json"))
            .unwrap(),
    )
    .unwrap();
    let truth = expected["households"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["category"] == "A")
        .expect("ground truth has households A");
    let row = moss
        .households
        .iter()
        .position(|h| h.category.as_str() == "A")
        .expect("Moss's households A was read");
    let key = format!("households[{row}].need_start");
    let provenance = moss
        .provenance
        .get(&key)
        .unwrap_or_else(|| panic!("{key} has a provenance"));
    let [x0, top, x1, bottom] = provenance.bbox.expect("a PDF value has a box");

    let browser = Browser::start(&chromedriver, &chromium, WINDOW.0, WINDOW.1);

    // ---- the index -------------------------------------------------------
    browser.goto(&file_url(&site.join("index.html")));
    let visible_rows = "return Array.from(document.querySelectorAll('#reports tbody tr')).filter(r => !r.hidden).length;";
    assert_eq!(browser.run(visible_rows, json!([])), json!(3));
    keep_screenshot("index.png", &browser.screenshot());
    let search = browser.find("#search");
    browser.type_text(&search, "moss");
    assert_eq!(
        browser.run(visible_rows, json!([])),
        json!(1),
        "search narrows to Moss"
    );
    browser.run(
        "const s = document.getElementById('search'); s.value = ''; s.dispatchEvent(new Event('input'));",
        json!([]),
    );
    assert_eq!(browser.run(visible_rows, json!([])), json!(3));
    // Sorting by number of values (ascending, then descending).
    let values_column = browser.find("#reports thead th:nth-child(7)");
    browser.click(&values_column);
    let column = "return Array.from(document.querySelectorAll('#reports tbody tr td:nth-child(7)')).map(td => Number(td.dataset.v));";
    let up: Vec<f64> = serde_json::from_value(browser.run(column, json!([]))).unwrap();
    assert!(up.windows(2).all(|w| w[0] <= w[1]), "ascending: {up:?}");
    browser.click(&values_column);
    let down: Vec<f64> = serde_json::from_value(browser.run(column, json!([]))).unwrap();
    assert!(
        down.windows(2).all(|w| w[0] >= w[1]),
        "descending: {down:?}"
    );
    assert!(
        down.first() > down.last(),
        "the reports differ in number of values"
    );

    // ---- follow the Moss report ---------------------------------------------
    let link = browser.find(&format!("#reports a[href=\"r/{}.html\"]", moss.report_id));
    browser.click(&link);
    assert!(
        browser
            .url()
            .ends_with(&format!("/r/{}.html", moss.report_id)),
        "{}",
        browser.url()
    );
    let button_css = format!("#values button.v[data-k=\"{key}\"]");
    let button = browser.find(&button_css);
    let shown = browser.run(
        "return arguments[0].textContent;",
        json!([{ "element-6066-11e4-a52e-4f735466cecf": button }]),
    );
    assert_eq!(
        shown.as_str().unwrap(),
        truth["need_start"].to_string(),
        "the value listed is the ground truth's"
    );
    browser.click(&button);
    // Pages are loaded lazily: wait until the highlighted box's page is drawn.
    let loaded = "const b = document.querySelector('#pages .hl'); const img = b && b.closest('figure.page').querySelector('img'); return !!img && img.complete && img.naturalWidth > 0;";
    let started = std::time::Instant::now();
    while browser.run(loaded, json!([])) != json!(true) {
        assert!(
            started.elapsed().as_secs() < 20,
            "the page image did not load"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }

    // DOM: exactly this key's box is highlighted, on the provenance's page,
    // where the provenance box lands on the rendered page.
    let geometry = browser.run(
        r#"
        const hl = Array.from(document.querySelectorAll('#pages .hl'));
        const box = hl[0];
        const figure = box.closest('figure.page');
        const img = figure.querySelector('.sheet > img');
        const r = box.getBoundingClientRect();
        const i = img.getBoundingClientRect();
        const pages = document.getElementById('pages').getBoundingClientRect();
        return {
          count: hl.length, key: box.dataset.k, tag: box.tagName, page: Number(figure.dataset.page),
          box: [r.left, r.top, r.right, r.bottom], img: [i.left, i.top, i.right, i.bottom],
          natural: [img.naturalWidth, img.naturalHeight], complete: img.complete,
          pages: [pages.left, pages.top, pages.right, pages.bottom],
          valueHighlighted: document.querySelector(arguments[0]).classList.contains('hl'),
        };"#,
        json!([button_css]),
    );
    assert_eq!(geometry["count"], json!(1), "{geometry}");
    assert_eq!(geometry["key"], json!(key), "{geometry}");
    assert_eq!(
        geometry["tag"].as_str().map(str::to_lowercase),
        Some("rect".into())
    );
    assert_eq!(
        geometry["page"],
        json!(provenance.page),
        "the box is on its page"
    );
    assert_eq!(geometry["valueHighlighted"], json!(true));
    assert_eq!(geometry["complete"], json!(true), "the page image loaded");
    let num = |v: &Value, i: usize| v[i].as_f64().unwrap();
    let img = &geometry["img"];
    let natural = &geometry["natural"];
    // The page PNG is drawn at 2 pixels a point (pages.rs SCALE); from it
    // and the image's size on screen, CSS pixels per PDF point.
    let points_wide = num(natural, 0) / 2.0;
    assert!((points_wide - 595.0).abs() < 2.0, "an A4 page: {natural}");
    let k = (num(img, 2) - num(img, 0)) / points_wide;
    let expected_box = [
        num(img, 0) + x0 * k,
        num(img, 1) + top * k,
        num(img, 0) + x1 * k,
        num(img, 1) + bottom * k,
    ];
    let drawn = &geometry["box"];
    for (i, want) in expected_box.iter().enumerate() {
        assert!(
            (num(drawn, i) - want).abs() < 1.5,
            "box side {i} at {} px, the provenance box scaled puts it at {want:.1} px ({geometry})",
            num(drawn, i)
        );
    }
    let pages = &geometry["pages"];
    assert!(
        expected_box[1] >= num(pages, 1) && expected_box[3] <= num(pages, 3),
        "the box was scrolled into view: {expected_box:?} in {pages}"
    );

    // Pixels: inside the box, highlight yellow around the value's dark
    // glyphs; just around it, paper; nowhere else on the pages, yellow.
    let inner = (
        expected_box[0].ceil() as i64 + 2,
        expected_box[1].ceil() as i64 + 2,
        expected_box[2].floor() as i64 - 2,
        expected_box[3].floor() as i64 - 2,
    );
    // The page image decodes asynchronously: `complete` can be true a few
    // frames before it is painted, so the screenshot is taken again (for at
    // most about two seconds) until the page shows under the highlight.
    let mut tries = 0;
    let (shot, png, yellow, area, glyphs) = loop {
        let png = browser.screenshot();
        let shot = Shot::decode(&png);
        let (yellow, area) = shot.count(inner, highlight_yellow);
        let (glyphs, _) = shot.count(inner, dark);
        tries += 1;
        if glyphs > 0 || tries >= 10 {
            break (shot, png, yellow, area, glyphs);
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    keep_screenshot("report.png", &png);
    assert!(area > 20, "the box is big enough to look at: {inner:?}");
    assert!(
        yellow * 2 > area,
        "inside the box {yellow} of {area} pixels are highlight yellow"
    );
    assert!(
        glyphs > 0,
        "the value's glyphs show through the highlight inside its box"
    );
    let margin = 12;
    let around = [
        (
            inner.0 - margin - 20,
            inner.1 - margin - 6,
            inner.0 - margin,
            inner.3 + margin + 6,
        ),
        (
            inner.2 + margin,
            inner.1 - margin - 6,
            inner.2 + margin + 20,
            inner.3 + margin + 6,
        ),
    ];
    for side in around {
        let (spill, n) = shot.count(side, highlight_yellow);
        assert!(
            spill * 20 <= n,
            "{spill} of {n} pixels beside the box are yellow"
        );
    }
    let region = (
        num(pages, 0) as i64,
        num(pages, 1) as i64,
        num(pages, 2) as i64 - 16,
        num(pages, 3) as i64,
    );
    let (everywhere, _) = shot.count(region, highlight_yellow);
    let (in_box, _) = shot.count(
        (inner.0 - 6, inner.1 - 6, inner.2 + 6, inner.3 + 6),
        highlight_yellow,
    );
    assert!(
        everywhere - in_box < 40,
        "{} yellow pixels on the pages outside the box",
        everywhere - in_box
    );

    // ---- click a box, find its value --------------------------------------
    let other = moss
        .provenance
        .iter()
        .filter(|(k, p)| k.starts_with("households[") && **k != key && p.bbox.is_some())
        .map(|(k, _)| k.clone())
        .next()
        .expect("another household value with a box");
    let rect = browser.find(&format!("#pages rect.box[data-k=\"{other}\"]"));
    browser.click(&rect);
    let found = browser.run(
        r#"
        const v = document.querySelector(arguments[0]);
        const r = v.getBoundingClientRect();
        const side = document.getElementById('values').getBoundingClientRect();
        return { hl: v.classList.contains('hl'), inView: r.top >= side.top && r.bottom <= side.bottom,
                 old: document.querySelectorAll(arguments[1]).length };"#,
        json!([
            format!("#values button.v[data-k=\"{other}\"]"),
            format!("#pages rect.box.hl[data-k=\"{key}\"]")
        ]),
    );
    assert_eq!(
        found,
        json!({"hl": true, "inView": true, "old": 0}),
        "{other}"
    );

    // ---- the transcript: text with value spans marked --------------------
    browser.goto(&file_url(
        &site.join(format!("r/{}.html", transcript.report_id)),
    ));
    assert_eq!(
        browser.run(
            "return document.querySelectorAll('#pages img').length;",
            json!([])
        ),
        json!(0)
    );
    let email = &transcript.reporting.emails;
    assert!(!email.is_empty(), "the seed's e-mail address was read");
    let marks: Vec<(String, String)> = serde_json::from_value(browser.run(
        "return Array.from(document.querySelectorAll('pre.transcript mark[data-k]')).map(m => [m.dataset.k, m.textContent]);",
        json!([]),
    ))
    .unwrap();
    assert!(
        marks.len() * 2 >= transcript.provenance.len(),
        "most values are marked in the text: {} of {}",
        marks.len(),
        transcript.provenance.len()
    );
    for (mark_key, text) in &marks {
        let raw = &transcript.provenance[mark_key].raw;
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(squash(text), squash(raw), "{mark_key}");
    }
    assert!(
        marks
            .iter()
            .any(|(_, text)| text.contains(email[0].as_str())),
        "the e-mail address {} is marked: {marks:?}",
        email[0]
    );
    let (mark_key, _) = marks.first().unwrap();
    let mark = browser.find(&format!("pre.transcript mark[data-k=\"{mark_key}\"]"));
    browser.click(&mark);
    let linked = browser.run(
        "return Array.from(document.querySelectorAll('#values .hl')).map(e => e.dataset.k);",
        json!([]),
    );
    assert!(
        linked
            .as_array()
            .is_some_and(|a| !a.is_empty() && a.iter().all(|k| k == &json!(mark_key))),
        "{linked}"
    );
}
