// The page works without this script; with it, the findings can be
// filtered (also from the address: #filter?verdict=violation&policy=P
// &component=C) and a page of several deployments gets a sortable
// index. Text is only ever set through textContent: nothing read from
// the page becomes markup.
(function () {
	"use strict";
	var form = document.getElementById("filter");
	var findings = Array.prototype.slice.call(
		document.querySelectorAll("article.finding"));
	var deps = Array.prototype.slice.call(
		document.querySelectorAll("section.dep"));

	function fillPolicies() {
		var select = form.elements.policy, seen = {};
		findings.forEach(function (f) {
			var p = f.getAttribute("data-policy");
			if (seen[p])
				return;
			seen[p] = true;
			var o = document.createElement("option");
			o.textContent = p;
			select.appendChild(o);
		});
	}

	function matches(f, want) {
		var comp = f.getAttribute("data-component").toLowerCase();
		return (!want.verdict ||
			f.getAttribute("data-verdict") === want.verdict) &&
		       (!want.policy ||
			f.getAttribute("data-policy") === want.policy) &&
		       (!want.component ||
			comp.indexOf(want.component.toLowerCase()) >= 0);
	}

	function apply() {
		var want = {
			verdict: form.elements.verdict.value,
			policy: form.elements.policy.value,
			component: form.elements.component.value
		};
		var shown = 0;
		findings.forEach(function (f) {
			var ok = matches(f, want);
			f.hidden = !ok;
			shown += ok ? 1 : 0;
		});
		document.querySelectorAll("section.comp").forEach(function (c) {
			c.hidden = !c.querySelector("article.finding:not([hidden])");
		});
		form.elements.shown.value = shown + " of " + findings.length +
			" findings shown";
		form.setAttribute("data-shown", String(shown));
	}

	function fromAddress() {
		var h = window.location.hash;
		if (h.indexOf("#filter?") !== 0)
			return;
		var q = new URLSearchParams(h.slice(8));
		["verdict", "policy", "component"].forEach(function (k) {
			if (q.has(k))
				form.elements[k].value = q.get(k);
		});
	}

	var columns = [
		["Deployment", "data-id", false],
		["Title", "data-title", false],
		["Decision", "data-decision", false],
		["Violations", "data-violation", true],
		["Indeterminate", "data-indeterminate", true],
		["Compliant", "data-compliant", true],
		["Waived", "data-waived", true]
	];

	function row(dep) {
		var tr = document.createElement("tr");
		columns.forEach(function (c, i) {
			var td = document.createElement(i ? "td" : "th");
			var v = dep.getAttribute(c[1]);
			if (i === 0) {
				var a = document.createElement("a");
				a.href = "#" + dep.id;
				a.textContent = v;
				td.scope = "row";
				td.appendChild(a);
			} else {
				td.textContent = v;
			}
			if (i === 2)
				td.className = "d-" + v;
			tr.appendChild(td);
		});
		tr.sovereignDep = dep;
		return tr;
	}

	function sortBy(table, k) {
		var c = columns[k], body = table.tBodies[0];
		var th = table.tHead.rows[0].cells[k];
		var up = th.getAttribute("aria-sort") !== "ascending";
		var rows = Array.prototype.slice.call(body.rows);
		rows.sort(function (a, b) {
			var x = a.sovereignDep.getAttribute(c[1]);
			var y = b.sovereignDep.getAttribute(c[1]);
			var d = c[2] ? Number(x) - Number(y) : x.localeCompare(y);
			return up ? d : -d;
		});
		Array.prototype.forEach.call(table.tHead.rows[0].cells,
			function (h) { h.removeAttribute("aria-sort"); });
		th.setAttribute("aria-sort", up ? "ascending" : "descending");
		rows.forEach(function (r) { body.appendChild(r); });
	}

	function index() {
		if (deps.length < 2)
			return;
		var table = document.createElement("table");
		var cap = table.createCaption();
		cap.textContent = deps.length + " deployments";
		var head = table.createTHead().insertRow();
		columns.forEach(function (c, k) {
			var th = document.createElement("th");
			var b = document.createElement("button");
			th.scope = "col";
			b.type = "button";
			b.textContent = c[0];
			b.addEventListener("click", function () {
				sortBy(table, k);
			});
			th.appendChild(b);
			head.appendChild(th);
		});
		var body = document.createElement("tbody");
		deps.forEach(function (d) { body.appendChild(row(d)); });
		table.appendChild(body);
		document.getElementById("index").appendChild(table);
	}

	function openTarget() {
		var id = decodeURIComponent(window.location.hash.slice(1));
		var t = id && document.getElementById(id);
		var d = t && t.querySelector("details");
		if (d)
			d.open = true;
	}

	form.hidden = false;
	form.addEventListener("submit", function (e) { e.preventDefault(); });
	form.addEventListener("input", apply);
	form.addEventListener("change", apply);
	fillPolicies();
	fromAddress();
	apply();
	index();
	openTarget();
	window.addEventListener("hashchange", openTarget);
	window.addEventListener("beforeprint", function () {
		document.querySelectorAll("details").forEach(function (d) {
			d.open = true;
		});
	});
}());
