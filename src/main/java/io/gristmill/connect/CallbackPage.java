package io.gristmill.connect;

/** The small HTML page the admin's browser lands on after the provider's consent screen. */
final class CallbackPage {
    private CallbackPage() {
    }

    static String render(boolean connected, String title, String message) {
        String color = connected ? "#1a7f37" : "#b42318";
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Gristmill: %s</title>
                <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222}
                h1{color:%s;font-size:1.4rem}</style></head>
                <body><h1>%s</h1><p>%s</p><p>You can close this window.</p></body></html>
                """.formatted(escape(title), color, escape(title), escape(message));
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
