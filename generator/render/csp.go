package render

// ContentSecurityPolicy is the policy every page carries in a
// <meta http-equiv="Content-Security-Policy"> element (baseof.html): only
// this site may supply scripts, styles, images, fonts, frames or
// connections, so no request leaves the site's own origin (issue 4,
// "Trust it"), and no inline script or style attribute runs, so markup
// that slipped into a record could not execute either. img-src allows
// data: URLs for small images a layout may inline; object-src and
// base-uri are shut; forms may submit only to the site (the search form).
//
// A meta element cannot carry frame-ancestors, report-uri or sandbox, and
// a policy in a header is seen before any byte of the page. Hosts that
// can set headers should therefore also send
//
//	Content-Security-Policy: <this policy>; frame-ancestors 'none'
//	Referrer-Policy: no-referrer
//	X-Content-Type-Options: nosniff
//
// (a browser enforces both the meta and the header policy; a request must
// pass each). Pages also carry <meta name="referrer" content="no-referrer">:
// readers follow links to sources on news and government sites, and the
// site tells none of them which record a reader came from.
const ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
