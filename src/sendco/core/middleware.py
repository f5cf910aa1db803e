class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy: all scripts and styles are our own files, so an
    injected <script> or inline handler in pupil data could not run even if escaping failed."""

    POLICY = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/v1/docs"):
            # Swagger UI sets inline styles; its scripts are still our own vendored files.
            response.headers.setdefault(
                "Content-Security-Policy",
                self.POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
            )
        elif not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", self.POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if request.user.is_authenticated and not request.path.startswith("/static/"):
            # Pages about children must not be kept by shared browsers or proxies.
            response.headers.setdefault("Cache-Control", "no-store")
        return response
