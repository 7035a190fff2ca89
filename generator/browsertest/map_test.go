package browsertest

import (
	"fmt"
	"testing"
)

// mapState measures the home page's tile map in its scrolling box: whether
// the box scrolls, whether the line saying so is shown, and how much of
// the Hokkaido and Okinawa tiles is inside the part of the box in view
// (0 none, 1 all).
const mapState = `(() => {
	const box = document.querySelector('.map-scroll'), hint = document.querySelector('.map-hint');
	if (!box || !hint) return {found: false};
	const b = box.getBoundingClientRect();
	const shown = slug => {
		const a = box.querySelector('a[href$="/prefectures/' + slug + '/"]');
		if (!a) return -1;
		const r = a.getBoundingClientRect();
		return Math.max(0, Math.min(r.right, b.right) - Math.max(r.left, b.left)) / r.width;
	};
	return {
		found: true,
		scrolls: box.scrollWidth > box.clientWidth + 1,
		hint: getComputedStyle(hint).display !== 'none' && hint.getBoundingClientRect().height > 0,
		hokkaido: shown('hokkaido'),
		okinawa: shown('okinawa'),
	};
})()`

// TestMapOnPhone loads the home page of the shipped site in both
// languages. At 320 CSS px the map is wider than the screen: it must open
// on the east, with Hokkaido in view rather than the empty sea west of
// it, and a line above it must say that it scrolls sideways. At desktop
// width the whole map is in view and the line is hidden.
func TestMapOnPhone(t *testing.T) {
	browser := startBrowser(t)
	s := serveShipped(t)
	tb := openTab(t, browser, false)
	type state struct {
		Found    bool    `json:"found"`
		Scrolls  bool    `json:"scrolls"`
		Hint     bool    `json:"hint"`
		Hokkaido float64 `json:"hokkaido"`
		Okinawa  float64 `json:"okinawa"`
	}
	for _, lang := range langs {
		for _, width := range []int64{phoneWidth, desktopWidth} {
			t.Run(fmt.Sprintf("%s/%d", lang.code, width), func(t *testing.T) {
				tb.load(t, s.URL(lang.prefix), width)
				tb.check(t, s.origin)
				got := eval[state](t, tb, mapState)
				if !got.Found {
					t.Fatal("the home page has no .map-scroll box or no .map-hint line")
				}
				if got.Hokkaido < 0 || got.Okinawa < 0 {
					t.Fatalf("the map has no link to Hokkaido's or Okinawa's page: %+v", got)
				}
				if width == phoneWidth {
					if !got.Scrolls {
						t.Errorf("at %d px the map fits its box; this test expects it to scroll (min-width 36rem), so it checks nothing: %+v", width, got)
					}
					if !got.Hint {
						t.Errorf("at %d px the line saying the map scrolls sideways is hidden: %+v", width, got)
					}
					if got.Hokkaido < 0.99 {
						t.Errorf("at %d px the map opens with %.0f%% of Hokkaido in view, want all of it (the map should open on the east): %+v", width, 100*got.Hokkaido, got)
					}
					if got.Okinawa > 0.01 {
						t.Errorf("at %d px Okinawa is in view as the map opens, so it did not open on the east: %+v", width, got)
					}
					return
				}
				if got.Scrolls || got.Hint {
					t.Errorf("at %d px the map scrolls or the line about scrolling shows: %+v", width, got)
				}
				if got.Hokkaido < 0.99 || got.Okinawa < 0.99 {
					t.Errorf("at %d px part of the map is out of view: %+v", width, got)
				}
			})
		}
	}
}
