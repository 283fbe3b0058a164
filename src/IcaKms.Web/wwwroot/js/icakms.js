// Browser-side helpers for IcaKms: clipboard, downloads and the non-secret wizard inputs in localStorage.
window.icakms = {
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
