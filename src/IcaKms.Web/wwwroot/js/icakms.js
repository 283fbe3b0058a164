// Browser-side helpers for IcaKms: clipboard, downloads, the non-secret wizard inputs in localStorage, and the
// hand-off of typed AWS credentials and ICA API keys to the server.
window.icakms = {
    // Posts the credential fields of a form to the server with the circuit's single-use ticket, then empties them.
    // The values go over plain HTTP to /aws/credentials, never through the Blazor circuit (whose messages verbose
    // logging can echo); only true or false comes back to .NET.
    postCredentials: async function (form, ticket) {
        const take = function (name) {
            const input = form.querySelector('[name="' + name + '"]');
            if (!input) {
                return "";
            }
            const value = input.value;
            input.value = "";
            return value;
        };
        const body = JSON.stringify({
            ticket: ticket,
            accessKeyId: take("accessKeyId"),
            secretAccessKey: take("secretAccessKey"),
            sessionToken: take("sessionToken"),
            icaApiKey: take("icaApiKey")
        });
        try {
            const response = await fetch("aws/credentials", {
                method: "POST",
                headers: { "Content-Type": "application/json" },
                body: body,
                cache: "no-store",
                credentials: "same-origin",
                redirect: "error"
            });
            return response.status === 204;
        } catch (e) {
            return false;
        }
    },
    copyText: async function (text) {
        try {
            if (navigator.clipboard && window.isSecureContext) {
                await navigator.clipboard.writeText(text);
                return true;
            }
        } catch (e) {
            // fall through to the textarea fallback (plain-http portals have no async clipboard)
        }
        const area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        let ok = false;
        try {
            ok = document.execCommand("copy");
        } catch (e) {
            ok = false;
        }
        document.body.removeChild(area);
        return ok;
    },
    download: function (fileName, contentType, bytes) {
        const blob = new Blob([bytes], { type: contentType });
        const url = URL.createObjectURL(blob);
        const link = document.createElement("a");
        link.href = url;
        link.download = fileName;
        document.body.appendChild(link);
        link.click();
        document.body.removeChild(link);
        setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    },
    // After "Next" was refused: focuses the first field in error and centres it, clear of the bottom snackbar.
    focusFirstInvalid: function () {
        const field = document.querySelector('.mud-stepper-content [aria-invalid="true"]');
        if (field) {
            field.focus({ preventScroll: true });
            field.scrollIntoView({ block: "center" });
        }
    },
    // After a step change: when the new step starts above the window (Next at the bottom of a long step), shows its top.
    showStepTop: function () {
        const content = document.querySelector('.mud-stepper-content');
        if (content && content.getBoundingClientRect().top < 0) {
            content.scrollIntoView({ block: "start" });
        }
    },
    load: function (key) {
        try {
            return window.localStorage.getItem(key);
        } catch (e) {
            return null;
        }
    },
    save: function (key, value) {
        try {
            window.localStorage.setItem(key, value);
        } catch (e) {
            // storage full or disabled: the wizard still works, it just won't survive a reload
        }
    },
    remove: function (key) {
        try {
            window.localStorage.removeItem(key);
        } catch (e) {
            // nothing stored
        }
    }
};

// "Skip to the current step": focuses the heading of the step the stepper shows (or the completed view), so the
// next Tab lands on that step's first control. Captured before Blazor's link handling, which would only scroll.
document.addEventListener("click", function (event) {
    const link = event.target instanceof Element ? event.target.closest("a.skip-link") : null;
    if (!link) {
        return;
    }
    event.preventDefault();
    event.stopPropagation();
    const main = document.getElementById("main-content");
    if (!main) {
        return;
    }
    const panels = Array.from(main.querySelectorAll(".mud-stepper [role='tabpanel'], .mud-stepper-content"))
        .filter(function (panel) { return panel.offsetParent !== null; });
    const scope = panels[0] || main;
    const target = scope.querySelector("h2, [role='heading']") || scope;
    if (!target.hasAttribute("tabindex")) {
        target.setAttribute("tabindex", "-1");
    }
    target.focus();
    target.scrollIntoView({ block: "start" });
}, true);
