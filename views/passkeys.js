// Passkey ceremonies in the browser: filled in with the identity pages.
