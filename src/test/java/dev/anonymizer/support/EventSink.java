package dev.anonymizer.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/** A CloudEvent sink on 127.0.0.1 (the JDK's HTTP server): keeps every binary-mode event POSTed to it, answers 202. */
public final class EventSink implements AutoCloseable {

    /** One event as received: its ce-* headers (lower-case names) and its body. */
    public record Received(Map<String, String> headers, byte[] body) {
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    public EventSink(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> {
                if (k.toLowerCase().startsWith("ce-")) {
                    headers.put(k.toLowerCase(), v.get(0));
                }
            });
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(headers, body));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
    }

    /** The next event, waiting at most {@code seconds}; null when none came. */
    public Received next(int seconds) throws InterruptedException {
        return received.poll(seconds, TimeUnit.SECONDS);
    }

    /** Events received and not taken yet. */
    public int pending() {
        return received.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
