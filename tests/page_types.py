"""One page of every type the demo site serves, for the suites that go through them all
(the security headers, axe in the browser). Member pages are seen as the demo's club
leader; ``{profile}`` is that member's profile."""

VISITOR_PAGES = [
    "/",
    "/news/",
    "/news/nouveau-club-biotech/",
    "/videos/",
    "/videos/camille-et-jean/",
    "/clubs/",
    "/events/",
    "/events/fete-de-la-science/",
    "/organisations/",
    "/search/?q=club",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accessibilite/",
    "/api/community/docs",
    "/page-qui-n-existe-pas/",
]
MEMBER_PAGES = [
    "/",
    "/members/",
    "/members/me/edit/",
    "/members/{profile}/",
    "/dashboard/",
    "/clubs/club-biotech/",
    "/clubs/club-biotech/manage/",
    "/events/fete-de-la-science/",
    "/events/my-calendar/",
    "/search/?q=biotech",
]
