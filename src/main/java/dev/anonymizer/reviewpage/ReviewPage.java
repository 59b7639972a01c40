package dev.anonymizer.reviewpage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.region.Box;
import dev.anonymizer.region.Category;
import dev.anonymizer.review.ReviewResult;
import dev.anonymizer.review.ReviewService;
import dev.anonymizer.storage.StoredObject;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The review page at {@code /review}: the held photos, each shown censored (the held censored copy; an original is
 * never served) with its doubts outlined; a reviewer releases one, or draws a box, picks its category, and has it
 * censored and released. Plain HTML and a little JavaScript ({@code review/page.html}), no build step.
 * <p>
 * Off (404) unless {@code anonymizer.review.tokens} names a reviewer. Every request needs a reviewer's token, as
 * {@code Authorization: Bearer <token>} or the {@code review-token} cookie that signing in on the page sets (HttpOnly,
 * SameSite=Strict, so another site cannot post with it); without one the answer is 401 and nothing changes. The door
 * only parses and answers: the review itself is {@link ReviewService}'s.
 */
@ApplicationScoped
public class ReviewPage {

    /** Ahead of the routes extensions add at order 0 and later (Funqy's among them), as the status page. */
    private static final int ORDER = -100;
    static final String COOKIE = "review-token";
    private static final int MAX_BODY = 64 * 1024;

    private final ReviewService review;
    private final ReviewTokens tokens;
    private final ObjectMapper json;
    private final String page;
    private final String signIn;

    public ReviewPage(ReviewService review, ReviewTokens tokens, ObjectMapper json) {
        this.review = review;
        this.tokens = tokens;
        this.json = json;
        this.page = resource("/review/page.html");
        this.signIn = resource("/review/sign-in.html");
    }

    void register(@Observes Router router) {
        if (!tokens.enabled()) {
            return;
        }
        router.post("/review/*").order(ORDER - 1).handler(BodyHandler.create().setBodyLimit(MAX_BODY));
        router.get("/review").order(ORDER).handler(this::page);
        router.post("/review/sign-in").order(ORDER).handler(this::signIn);
        router.get("/review/api/photos").order(ORDER).blockingHandler(this::photos, false);
        router.get("/review/image").order(ORDER).blockingHandler(this::image, false);
        router.post("/review/api/release").order(ORDER).blockingHandler(this::release, false);
        router.post("/review/api/censor").order(ORDER).blockingHandler(this::censor, false);
    }

    private void page(RoutingContext rc) {
        if (reviewer(rc).isEmpty()) {
            html(rc, 401, signIn);
            return;
        }
        html(rc, 200, page);
    }

    /** The sign-in form's post: a right token sets the cookie and goes to the page, a wrong one is 401. */
    private void signIn(RoutingContext rc) {
        String token = rc.request().getFormAttribute("token");
        if (tokens.reviewer(token).isEmpty()) {
            html(rc, 401, signIn.replace("<!--message-->", "<p class=\"error\">That token is not a reviewer's.</p>"));
            return;
        }
        Cookie cookie = Cookie.cookie(COOKIE, token).setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setPath("/review").setSecure(rc.request().isSSL());
        rc.response().addCookie(cookie).setStatusCode(303).putHeader(HttpHeaders.LOCATION, "/review").end();
    }

    private void photos(RoutingContext rc) {
        if (reviewer(rc).isEmpty()) {
            answer(rc, 401, ReviewAnswer.unauthorized());
            return;
        }
        answer(rc, 200, review.held());
    }

    /** The held censored copy; 404 for an id that is not held (an input, an output, anything else). */
    private void image(RoutingContext rc) {
        if (reviewer(rc).isEmpty()) {
            answer(rc, 401, ReviewAnswer.unauthorized());
            return;
        }
        String id = rc.request().getParam("id");
        Optional<StoredObject> held = review.heldImage(id);
        if (held.isEmpty()) {
            answer(rc, 404, ReviewAnswer.of(new ReviewResult.NotHeld(id)));
            return;
        }
        rc.response().putHeader(HttpHeaders.CONTENT_TYPE, held.get().contentType())
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(io.vertx.core.buffer.Buffer.buffer(held.get().bytes()));
    }

    private void release(RoutingContext rc) {
        Optional<String> who = reviewer(rc);
        if (who.isEmpty()) {
            answer(rc, 401, ReviewAnswer.unauthorized());
            return;
        }
        ReviewRequests.Release req = body(rc, ReviewRequests.Release.class);
        if (req == null || req.id() == null) {
            answer(rc, 400, ReviewAnswer.refused(null, "the body must be JSON {\"id\": \"<bucket>/<key>\"}"));
            return;
        }
        result(rc, review.release(req.id(), who.get()));
    }

    private void censor(RoutingContext rc) {
        Optional<String> who = reviewer(rc);
        if (who.isEmpty()) {
            answer(rc, 401, ReviewAnswer.unauthorized());
            return;
        }
        ReviewRequests.Censor req = body(rc, ReviewRequests.Censor.class);
        if (req == null || req.id() == null || req.category() == null || req.box() == null || req.box().size() != 4
                || req.box().stream().anyMatch(v -> v == null || !Double.isFinite(v))) {
            answer(rc, 400, ReviewAnswer.refused(req == null ? null : req.id(), "the body must be JSON {\"id\", "
                    + "\"category\": \"face|plate|text|person|vehicle\", \"box\": [x, y, width, height]}"));
            return;
        }
        Category category;
        try {
            category = Category.valueOf(req.category().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            answer(rc, 400, ReviewAnswer.refused(req.id(), "unknown category '" + req.category()
                    + "' (face, plate, text, person, vehicle)"));
            return;
        }
        List<Double> b = req.box();
        if (b.get(2) <= 0 || b.get(3) <= 0) {
            answer(rc, 400, ReviewAnswer.refused(req.id(), "the box has no area (" + b.get(2) + " x " + b.get(3)
                    + " px)"));
            return;
        }
        result(rc, review.censorAndRelease(req.id(), who.get(), category, Box.ofSize(b.get(0), b.get(1), b.get(2),
                b.get(3))));
    }

    private void result(RoutingContext rc, ReviewResult r) {
        answer(rc, ReviewAnswer.httpStatus(r), ReviewAnswer.of(r));
    }

    /** The reviewer's name from the bearer token or the cookie; empty when neither holds a reviewer's token. */
    private Optional<String> reviewer(RoutingContext rc) {
        String auth = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return tokens.reviewer(auth.substring(7).trim());
        }
        Cookie cookie = rc.request().getCookie(COOKIE);
        return tokens.reviewer(cookie == null ? null : cookie.getValue());
    }

    private <T> T body(RoutingContext rc, Class<T> type) {
        try {
            return rc.body() == null || rc.body().buffer() == null ? null
                    : json.readValue(rc.body().buffer().getBytes(), type);
        } catch (IOException e) {
            return null;
        }
    }

    private void answer(RoutingContext rc, int status, Object document) {
        try {
            rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(json.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            rc.fail(e);
        }
    }

    private static void html(RoutingContext rc, int status, String body) {
        rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(body);
    }

    private static String resource(String path) {
        try (InputStream in = ReviewPage.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
