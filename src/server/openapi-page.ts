/** The docs page: plain HTML and a little script that renders ./openapi.json. Nothing is loaded from the network. */
export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>DataForge API</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 960px; padding: 1rem 1.5rem 4rem; color: #1d2330; }
  h1 { margin-bottom: 0; } .lead { color: #555; margin-top: .25rem; }
  h2 { border-bottom: 1px solid #ddd; padding-bottom: .25rem; margin-top: 2rem; text-transform: capitalize; }
  details { border: 1px solid #dde; border-radius: 6px; margin: .5rem 0; background: #fafbfd; }
  summary { cursor: pointer; padding: .5rem .75rem; display: flex; gap: .75rem; align-items: baseline; }
  .m { font: 700 12px ui-monospace, monospace; padding: 2px 6px; border-radius: 4px; color: #fff; min-width: 52px; text-align: center; }
  .get { background: #2f7d32; } .post { background: #1565c0; } .patch { background: #8e6b00; } .delete { background: #b3261e; } .put { background: #6a1b9a; } .head { background: #555; }
  code, pre { font-family: ui-monospace, monospace; font-size: 13px; }
  .body { padding: 0 1rem 1rem; } pre { background: #f0f2f6; padding: .5rem; border-radius: 4px; overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: 2px 8px 2px 0; vertical-align: top; }
  .lock { color: #8e6b00; font-size: 12px; }
</style>
</head>
<body>
<h1 id="title">DataForge API</h1>
<p class="lead" id="lead">Loading openapi.json&hellip;</p>
<div id="ops"></div>
<script>
(function () {
  var esc = function (s) { return String(s).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; }); };
  var md = function (s) { return esc(s).replace(/\\*\\*([^*]+)\\*\\*/g, '<b>$1</b>').replace(/\`([^\`]+)\`/g, '<code>$1</code>'); };
  fetch('openapi.json').then(function (r) { return r.json(); }).then(function (doc) {
    var schemas = (doc.components && doc.components.schemas) || {};
    var resolve = function (s, depth) {
      if (!s || typeof s !== 'object' || depth > 4) return s;
      if (s.$ref) { var name = s.$ref.split('/').pop(); return resolve(schemas[name], depth + 1); }
      var out = Array.isArray(s) ? [] : {};
      Object.keys(s).forEach(function (k) { out[k] = resolve(s[k], depth + 1); });
      return out;
    };
    document.getElementById('title').textContent = doc.info.title + ' ' + doc.info.version;
    document.getElementById('lead').innerHTML = md(doc.info.description || '') + ' Base URL: <code>' + esc(doc.servers[0].url) + '</code>';
    var byTag = {};
    Object.keys(doc.paths).forEach(function (path) {
      Object.keys(doc.paths[path]).forEach(function (method) {
        var op = doc.paths[path][method], tag = (op.tags && op.tags[0]) || 'other';
        (byTag[tag] = byTag[tag] || []).push({ path: path, method: method, op: op });
      });
    });
    var html = '';
    Object.keys(byTag).forEach(function (tag) {
      html += '<h2>' + esc(tag) + '</h2>';
      byTag[tag].forEach(function (e) {
        var op = e.op, secured = !op.security || op.security.length > 0;
        html += '<details><summary><span class="m ' + e.method + '">' + e.method.toUpperCase() + '</span><code>' + esc(e.path) + '</code><span>' + esc(op.summary || '') + '</span>' + (secured ? '<span class="lock">token</span>' : '') + '</summary><div class="body">';
        if (op.description) html += '<p>' + md(op.description) + '</p>';
        if (op.parameters) {
          html += '<h4>Parameters</h4><table>';
          op.parameters.forEach(function (p) { html += '<tr><td><code>' + esc(p.name) + '</code></td><td>' + esc(p.in) + '</td><td>' + esc(p.description || '') + '</td></tr>'; });
          html += '</table>';
        }
        if (op.requestBody) {
          var ct = Object.keys(op.requestBody.content)[0], sch = op.requestBody.content[ct].schema;
          html += '<h4>Body <code>' + esc(ct) + '</code></h4>' + (sch ? '<pre>' + esc(JSON.stringify(resolve(sch, 0), null, 2)) + '</pre>' : '');
        }
        html += '<h4>Responses</h4><table>';
        Object.keys(op.responses).forEach(function (code) { html += '<tr><td><code>' + esc(code) + '</code></td><td>' + esc(op.responses[code].description || '') + '</td></tr>'; });
        html += '</table></div></details>';
      });
    });
    document.getElementById('ops').innerHTML = html;
  }).catch(function (e) { document.getElementById('lead').textContent = 'Could not load openapi.json: ' + e; });
})();
</script>
</body>
</html>
`;
