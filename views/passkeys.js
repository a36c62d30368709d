// Passkey ceremonies in the browser. The server makes the options and checks the
// answer; this script only carries them between the page, the authenticator
// (through SimpleWebAuthn's browser bundle, loaded just before) and the server.
// Every text it shows comes from the page's data-msg-* attributes.
(function () {
  'use strict';
  var webauthn = window.SimpleWebAuthnBrowser;

  async function postJson(url, body) {
    var res = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    var data = await res.json().catch(function () {
      return {};
    });
    if (!res.ok) {
      var err = new Error(data.error || res.statusText);
      err.fromServer = typeof data.error === 'string';
      throw err;
    }
    return data;
  }

  function explain(root, err) {
    if (err.fromServer) return err.message;
    if (err.name === 'NotAllowedError' || err.name === 'AbortError' || err.code === 'ERROR_CEREMONY_ABORTED') {
      return root.dataset.msgCancelled;
    }
    return root.dataset.msgFailed;
  }

  /** Shows the button when the browser can do passkeys and runs one ceremony per click. */
  function wire(buttonId, ceremony, extra) {
    var button = document.getElementById(buttonId);
    if (!button) return;
    var root = button.closest('[data-passkey-options]');
    var status = root.querySelector('[role=status]');
    if (!webauthn || !webauthn.browserSupportsWebAuthn()) {
      if (root.dataset.msgUnsupported) status.textContent = root.dataset.msgUnsupported;
      return;
    }
    root.querySelectorAll('[hidden]').forEach(function (el) {
      el.hidden = false;
    });
    button.addEventListener('click', async function () {
      button.disabled = true;
      status.textContent = '';
      try {
        var optionsJSON = await postJson(root.dataset.passkeyOptions, {});
        var response = await ceremony(optionsJSON);
        var result = await postJson(root.dataset.passkeyVerify, Object.assign({ response: response }, extra(root)));
        window.location.assign(result.redirect);
      } catch (err) {
        status.textContent = explain(root, err);
        button.disabled = false;
      }
    });
  }

  wire(
    'add-passkey',
    function (optionsJSON) {
      return webauthn.startRegistration({ optionsJSON: optionsJSON });
    },
    function (root) {
      var name = root.querySelector('#passkey-name');
      return { name: name ? name.value : '' };
    },
  );
  wire(
    'passkey-sign-in',
    function (optionsJSON) {
      return webauthn.startAuthentication({ optionsJSON: optionsJSON });
    },
    function (root) {
      return { next: root.dataset.next || '/' };
    },
  );
})();
