// briefcast read-along: highlight the sentence (and word) being said, seek on a click, #t=SECONDS to start there.
(function () {
  "use strict";
  var audio = document.getElementById("audio");
  if (!audio) return;
  var sentences = Array.prototype.slice.call(document.querySelectorAll(".s[data-start]"));
  var chapters = Array.prototype.slice.call(document.querySelectorAll("[data-seek]"));
  var moment = document.querySelector("[data-moment]"); // "Link to this moment": #t= the current second
  var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var EPS = 0.0005; // seconds: a time set to a start is that start, however it was rounded
  function start(el, name) { return parseFloat(el.getAttribute(name || "data-start")); }
  function last(list, t, name) { // the last element whose start is at or before t (list in time order)
    var lo = 0, hi = list.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (start(list[mid], name) <= t + EPS) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found < 0 ? null : list[found];
  }
  var current = { s: null, w: null, c: null };
  function mark(kind, el, cls, attr) {
    if (current[kind] === el) return false;
    if (current[kind]) { current[kind].classList.remove(cls); current[kind].removeAttribute(attr); }
    if (el) { el.classList.add(cls); el.setAttribute(attr, "true"); }
    current[kind] = el;
    return true;
  }
  function update() {
    var t = audio.currentTime;
    var s = last(sentences, t);
    if (s && t > start(s, "data-end") + 1.5) s = null; // long past its end: music, or nothing is said
    var changed = mark("s", s, "now", "aria-current");
    var own = s ? Array.prototype.slice.call(s.querySelectorAll(".w")) : [];
    var w = own.length ? last(own, t) || own[0] : null; // before its first word: the sentence's first word
    mark("w", w, "now", "data-now");
    mark("c", last(chapters, t, "data-seek"), "current", "aria-current");
    if (moment) moment.setAttribute("href", "#t=" + Math.floor(t));
    if (changed && s && !audio.paused) s.scrollIntoView({ block: "nearest", behavior: still ? "auto" : "smooth" });
  }
  function seek(t, play) {
    audio.currentTime = t;
    update();
    if (play) { var p = audio.play(); if (p && p.catch) p.catch(function () {}); }
  }
  sentences.forEach(function (el) {
    el.setAttribute("role", "button");
    el.addEventListener("click", function () { seek(start(el), true); });
    el.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); seek(start(el), true); }
    });
  });
  chapters.forEach(function (el) {
    el.addEventListener("click", function () { seek(start(el, "data-seek"), true); });
  });
  var speed = document.querySelector("[data-speed]");
  if (speed) speed.addEventListener("change", function () { audio.playbackRate = parseFloat(speed.value) || 1; });
  ["timeupdate", "seeked", "seeking", "play", "loadedmetadata"].forEach(function (name) {
    audio.addEventListener(name, update);
  });
  function tick() { update(); if (!audio.paused) window.requestAnimationFrame(tick); }
  audio.addEventListener("playing", function () { window.requestAnimationFrame(tick); });
  function fromHash() { // #t=83, #t=83.5 or #t=1:23
    var m = /(?:^#|&)t=(?:(\d+):)?(\d+(?:\.\d+)?)/.exec(window.location.hash);
    if (!m) return;
    var t = (m[1] ? parseInt(m[1], 10) * 60 : 0) + parseFloat(m[2]);
    if (audio.readyState >= 1) seek(t, false);
    else audio.addEventListener("loadedmetadata", function once() {
      audio.removeEventListener("loadedmetadata", once); seek(t, false);
    });
    audio.currentTime = t;
    update();
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  update();
})();
