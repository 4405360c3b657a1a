"""Checks of WCAG 2.2 AA success criteria that axe-core leaves to people, run as scripts in the
page a test has open: pointer target size and spacing (2.5.8), what forced colours keep (focus
and control edges, 1.4.11 and 2.4.7), reduced motion (2.3.3 as the site promises it) and user
text spacing (1.4.12). Each returns what it finds, in words, so that a failure names the element."""

# How an element is named in a finding (tag, id, classes, the start of its text), and whether
# the reader can see it at all.
_HELPERS = """const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (el.classList.length ? "." + [...el.classList].join(".") : "")
    + (el.textContent.trim()
        ? ` "${el.textContent.trim().replace(/\\s+/g, " ").slice(0, 30)}"` : "");
const shown = el => el.checkVisibility({visibilityProperty: true, opacityProperty: true})
    && el.getClientRects().length > 0
    && [...el.getClientRects()].some(r => r.width * r.height >= 2)
    && !el.closest(".visually-hidden");"""

_SMALL_TARGETS = """() => {
    /* helpers */
    const SIZE = 24, RADIUS = SIZE / 2, SLACK = 0.01;
    const targets = [...document.querySelectorAll(
        "a[href], button, input:not([type=hidden]), select, textarea, summary, label"
    )].filter(el => shown(el) && (el.tagName !== "LABEL" || el.control));
    // 2.5.8 "Inline": a link inside a sentence is as tall as the sentence's line.
    const inSentence = el => {
        if (getComputedStyle(el).display !== "inline") return false;
        let block = el.parentElement;
        while (block && getComputedStyle(block).display === "inline") block = block.parentElement;
        const words = node => node.textContent.replace(/\\s+/g, "");
        return block && words(block).length > words(el).length;
    };
    // A label and its control, or a target inside another, are one target for the reader.
    const same = (a, b) => a.contains(b) || b.contains(a)
        || (a.tagName === "LABEL" && a.control === b) || (b.tagName === "LABEL" && b.control === a)
        || (a.tagName === "LABEL" && b.tagName === "LABEL" && a.control === b.control);
    const rects = el => [...el.getClientRects()].filter(r => r.width * r.height >= 2);
    const box = el => el.getBoundingClientRect();
    const centre = el => ({
        x: box(el).left + box(el).width / 2, y: box(el).top + box(el).height / 2,
    });
    const touchesCircle = (c, r) => {
        const dx = Math.max(r.left - c.x, 0, c.x - r.right);
        const dy = Math.max(r.top - c.y, 0, c.y - r.bottom);
        return Math.hypot(dx, dy) < RADIUS - SLACK;
    };
    const small = el => box(el).width < SIZE - SLACK || box(el).height < SIZE - SLACK;
    const undersized = targets.filter(el => small(el) && !inSentence(el));
    const found = [];
    for (const el of undersized) {
        const c = centre(el);
        const crowded = targets.find(other => other !== el && !same(el, other) && (
            rects(other).some(r => touchesCircle(c, r))
            || (undersized.includes(other)
                && Math.hypot(centre(other).x - c.x, centre(other).y - c.y) < SIZE - SLACK)
        ));
        if (crowded) {
            const size = `${Math.round(box(el).width)}×${Math.round(box(el).height)} px`;
            found.push(`${name(el)} is ${size}, and ${name(crowded)} is within its 24 px circle`);
        }
    }
    return found;
}""".replace("/* helpers */", _HELPERS)


def small_targets(page, unfolded=False):
    """Pointer targets under 24 × 24 CSS px whose 24 px circle (centred on the target) touches
    another target or another small target's circle: WCAG 2.2's 2.5.8 Target Size (Minimum)
    with its spacing exception. Links inside a sentence are exempt (its "inline" exception).
    `unfolded`: with every folded part of the page (<details>) opened for the count."""
    if not unfolded:
        return page.evaluate(_SMALL_TARGETS)
    page.evaluate(
        """() => document.querySelectorAll("details:not([open])").forEach(folded => {
            folded.dataset.folded = "";
            folded.open = true;
        })"""
    )
    try:
        return page.evaluate(_SMALL_TARGETS)
    finally:
        page.evaluate(
            """() => document.querySelectorAll("details[data-folded]").forEach(folded => {
                delete folded.dataset.folded;
                folded.open = false;
            })"""
        )


# Controls whose edge the reader sees without forced colours: a border, or a background that
# differs from the page (forced colours remove backgrounds, so those need a border too).
_REMEMBER_EDGED_CONTROLS = """() => {
    /* helpers */
    const drawnBySystem = el => ["checkbox", "radio"].includes(el.type)
        && getComputedStyle(el).appearance !== "none";
    const edged = el => {
        const style = getComputedStyle(el);
        const border = ["Top", "Right", "Bottom", "Left"].some(
            side => !["none", "hidden"].includes(style[`border${side}Style`])
                && parseFloat(style[`border${side}Width`]) > 0
        );
        const background = style.backgroundColor !== "rgba(0, 0, 0, 0)"
            || style.backgroundImage !== "none";
        return border || background;
    };
    window.edgedControls = [...document.querySelectorAll(
        "button, input:not([type=hidden]), select, textarea"
    )].filter(el => shown(el) && !drawnBySystem(el) && edged(el));
}""".replace("/* helpers */", _HELPERS)

_FORCED_COLOURS_LOSSES = """() => {
    /* helpers */
    const found = [];
    for (const el of window.edgedControls) {
        const style = getComputedStyle(el);
        const sides = ["Top", "Right", "Bottom", "Left"].filter(
            side => !["none", "hidden"].includes(style[`border${side}Style`])
                && parseFloat(style[`border${side}Width`]) >= 1
        );
        if (sides.length < 4) found.push(`${name(el)} loses its edge`);
    }
    // Elements alike (the same tag and classes, in a parent of the same classes) share their
    // focus style: one of each is enough, and a page of many links stays quick to check.
    const seen = new Set();
    for (const el of document.querySelectorAll(
        "a[href], button, input:not([type=hidden]), select, textarea, summary"
    )) {
        const kind = [el.tagName, el.type, el.className, el.parentElement.className].join("|");
        if (seen.has(kind) || !shown(el)) continue;
        seen.add(kind);
        el.focus({preventScroll: true});
        if (document.activeElement !== el) continue;
        const style = getComputedStyle(el);
        if (style.outlineStyle === "none" || parseFloat(style.outlineWidth) < 1) {
            found.push(`${name(el)} shows no outline when focused`);
        }
    }
    document.activeElement?.blur();
    return found;
}""".replace("/* helpers */", _HELPERS)


def lost_in_forced_colours(page):
    """Controls whose edge disappears, and focusable elements that show no outline when focused,
    once the system's forced colours (Windows contrast themes) replace the site's: forced colours
    drop backgrounds and box shadows, so only borders and outlines remain."""
    page.evaluate(_REMEMBER_EDGED_CONTROLS)
    # Focus from the keyboard, so that :focus-visible styles apply as they do for its users.
    page.keyboard.press("Tab")
    page.emulate_media(forced_colors="active")
    try:
        return page.evaluate(_FORCED_COLOURS_LOSSES)
    finally:
        page.emulate_media(forced_colors="none")


_MOVING = """() => {
    /* helpers */
    const seconds = list => list.split(",").map(
        time => parseFloat(time) / (time.trim().endsWith("ms") ? 1000 : 1)
    );
    // What moves, and which elements: one line for a rule that reaches many elements.
    const moving = new Map();
    for (const el of document.querySelectorAll("*")) {
        for (const pseudo of [null, "::before", "::after", "::marker"]) {
            const style = getComputedStyle(el, pseudo);
            const {animationName, animationDuration} = style;
            const {transitionProperty, transitionDuration} = style;
            const what = [];
            if (animationName !== "none" && seconds(animationDuration).some(time => time > 0)) {
                what.push(`animation ${animationName} ${animationDuration}`);
            }
            if (seconds(transitionDuration).some(time => time > 0)) {
                what.push(`transition of ${transitionProperty} ${transitionDuration}`);
            }
            if (what.length) {
                const key = what.join(", ");
                moving.set(key, [...(moving.get(key) || []), name(el) + (pseudo || "")]);
            }
        }
    }
    const found = [...moving].map(([what, elements]) => `${what}: ${elements.length} elements`
        + ` (${elements.slice(0, 3).join(", ")}${elements.length > 3 ? ", ..." : ""})`);
    const scrolling = getComputedStyle(document.documentElement).scrollBehavior;
    if (scrolling !== "auto") found.push(`html: scroll-behavior ${scrolling}`);
    // Running CSS animations (a transition begun before the reader's choice is not the site's).
    found.push(...document.getAnimations().filter(running => running instanceof CSSAnimation)
        .map(running => `${name(running.effect.target)}: ${running.animationName} running`));
    return found;
}""".replace("/* helpers */", _HELPERS)


def motion_despite_reduced_motion(page):
    """What still moves when the reader asks for reduced motion: animations and transitions
    longer than 0 s (on elements and their ::before, ::after and ::marker) and smooth scrolling."""
    page.emulate_media(reduced_motion="reduce")
    try:
        return page.evaluate(_MOVING)
    finally:
        page.emulate_media(reduced_motion="no-preference")


# WCAG 1.4.12 Text Spacing: what a reader's own stylesheet may set, all at once.
TEXT_SPACING = """
    * { line-height: 1.5 !important; letter-spacing: 0.12em !important;
        word-spacing: 0.16em !important; }
    p { margin-bottom: 2em !important; }
"""


def set_text_spacing(page, on=True):
    """Apply (or take away) the 1.4.12 spacing as a reader's own stylesheet would: a stylesheet
    made by script, which the site's Content Security Policy does not govern."""
    page.evaluate(
        """([css, on]) => {
            if (!on) { document.adoptedStyleSheets = []; return; }
            const sheet = new CSSStyleSheet();
            sheet.replaceSync(css);
            document.adoptedStyleSheets = [sheet];
        }""",
        [TEXT_SPACING, on],
    )


_STICKING_OUT = """() => {
    /* helpers */
    const edge = document.documentElement.clientWidth;
    const out = [...document.body.querySelectorAll("*")].filter(
        el => shown(el) && el.getBoundingClientRect().right > edge + 1
    );
    // The outermost ones: their descendants stick out with them.
    return out.filter(el => !out.includes(el.parentElement)).map(
        el => `${name(el)} reaches ${Math.round(el.getBoundingClientRect().right)} px`
    );
}""".replace("/* helpers */", _HELPERS)


def sticking_out(page):
    """The elements that reach past the right edge of the window (the outermost of each
    branch), which make the reader scroll sideways."""
    return page.evaluate(_STICKING_OUT)
