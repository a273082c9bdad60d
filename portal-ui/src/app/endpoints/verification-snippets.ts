/** Languages the endpoint page shows a verification snippet for. */
export const SNIPPET_LANGUAGES = ['node', 'python', 'go', 'ruby', 'php', 'java'] as const;
export type SnippetLanguage = (typeof SNIPPET_LANGUAGES)[number];

export const SNIPPET_LABELS: Record<SnippetLanguage, string> = {
  node: 'Node.js',
  python: 'Python',
  go: 'Go',
  ruby: 'Ruby',
  php: 'PHP',
  java: 'Java',
};

/**
 * Code that verifies this endpoint's webhooks with the official Standard Webhooks library of
 * each language. `secret` is the endpoint's `whsec_` secret, or a placeholder when hidden.
 */
export const verificationSnippet = (language: SnippetLanguage, secret: string): string => {
  switch (language) {
    case 'node':
      return `// npm install standardwebhooks
import { Webhook } from 'standardwebhooks';

const wh = new Webhook('${secret}');

// Use the raw request body: re-serialised JSON does not verify.
app.post('/webhooks', express.raw({ type: 'application/json' }), (req, res) => {
  try {
    const payload = wh.verify(req.body, req.headers);
    // handle payload, then answer 2xx quickly
    res.sendStatus(204);
  } catch {
    res.sendStatus(400);
  }
});`;
    case 'python':
      return `# pip install standardwebhooks
from standardwebhooks.webhooks import Webhook

wh = Webhook("${secret}")

@app.post("/webhooks")
def webhooks(request):
    # Use the raw request body: re-serialised JSON does not verify.
    payload = wh.verify(request.body, dict(request.headers))
    return "", 204`;
    case 'go':
      return `// go get github.com/standard-webhooks/standard-webhooks/libraries/go
wh, err := standardwebhooks.NewWebhook("${secret}")
if err != nil { log.Fatal(err) }

http.HandleFunc("/webhooks", func(w http.ResponseWriter, r *http.Request) {
    body, _ := io.ReadAll(r.Body)
    if err := wh.Verify(body, r.Header); err != nil {
        w.WriteHeader(http.StatusBadRequest)
        return
    }
    w.WriteHeader(http.StatusNoContent)
})`;
    case 'ruby':
      return `# gem install standardwebhooks
require "standardwebhooks"

wh = StandardWebhooks::Webhook.new("${secret}")

post "/webhooks" do
  payload = wh.verify(request.body.read, request.env)
  status 204
rescue StandardWebhooks::WebhookVerificationError
  status 400
end`;
    case 'php':
      return `<?php
// composer require standard-webhooks/standard-webhooks
$wh = new \\StandardWebhooks\\Webhook("${secret}");

$payload = file_get_contents("php://input");
try {
    $event = $wh->verify($payload, getallheaders());
    http_response_code(204);
} catch (\\Exception $e) {
    http_response_code(400);
}`;
    case 'java':
      return `// com.standardwebhooks:standardwebhooks
Webhook wh = new Webhook("${secret}");

// In your handler, with the raw body and the request headers:
try {
    wh.verify(rawBody, HttpHeaders.of(request.headers(), (a, b) -> true));
    // handle the event, answer 2xx
} catch (WebhookVerificationException e) {
    // answer 400
}`;
  }
};
