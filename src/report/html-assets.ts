/**
 * The inline stylesheet and script of the HTML report. Both are constants (no report data), so the
 * document's Content-Security-Policy can allow exactly them by hash and nothing else.
 */
export const HTML_CSS = `
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--panel:#f6f8fa;
--critical:#8b0000;--high:#cf222e;--medium:#bc4c00;--low:#0969da;--negligible:#57606a;--unknown:#6e7781}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer,.controls{max-width:1200px;margin:0 auto;padding:0 16px}
header{padding-top:16px}
h1{font-size:22px;margin:8px 0}
h2{font-size:16px;margin:0}
.meta{color:var(--muted);margin:2px 0}
.cards{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0}
.card{border:1px solid var(--line);border-radius:6px;padding:6px 12px;min-width:96px;background:var(--panel)}
.card b{display:block;font-size:20px}
.fix{font-weight:600;margin:8px 0}
.controls{display:flex;flex-wrap:wrap;gap:12px;align-items:center;padding-top:8px;padding-bottom:8px;position:sticky;top:0;background:var(--bg);border-bottom:1px solid var(--line)}
.controls input[type=search]{flex:1;min-width:200px;padding:6px 8px;border:1px solid var(--line);border-radius:6px}
.pkg{border:1px solid var(--line);border-radius:6px;margin:16px 0;overflow:hidden}
.pkg>.head{background:var(--panel);padding:8px 12px;border-bottom:1px solid var(--line)}
.pkg .sub{color:var(--muted);font-size:13px;word-break:break-all}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:6px 10px;border-top:1px solid var(--line)}
th{font-size:12px;text-transform:uppercase;color:var(--muted);white-space:nowrap}
th[data-sort]{cursor:pointer}
td.id{white-space:nowrap}
td.text{overflow-wrap:anywhere}
.sev{display:inline-block;min-width:84px;text-align:center;border-radius:10px;padding:0 8px;color:#fff;font-size:12px;font-weight:600}
.sev-critical{background:var(--critical)}.sev-high{background:var(--high)}.sev-medium{background:var(--medium)}
.sev-low{background:var(--low)}.sev-negligible{background:var(--negligible)}.sev-unknown{background:var(--unknown)}
.kev{color:var(--critical);font-weight:700}
details.refs summary{cursor:pointer;color:var(--muted)}
details.refs ul{margin:4px 0;padding-left:18px}
.hidden,[hidden]{display:none!important}
footer{color:var(--muted);padding-bottom:24px}
`;

/** Severity filter, search box and column sorting; the page is complete without it. */
export const HTML_JS = `
(function(){
  var controls=document.getElementById('controls');
  if(!controls)return;
  controls.hidden=false;
  var boxes=[].slice.call(controls.querySelectorAll('input[type=checkbox]'));
  var search=document.getElementById('search');
  var rows=[].slice.call(document.querySelectorAll('tr[data-severity]'));
  var pkgs=[].slice.call(document.querySelectorAll('section.pkg[data-package]'));
  var count=document.getElementById('shown');
  function apply(){
    var on={};boxes.forEach(function(b){on[b.value]=b.checked;});
    var q=search.value.trim().toLowerCase().replace(/\\s+/g,' ');var n=0;
    rows.forEach(function(r){
      var ok=on[r.getAttribute('data-severity')]&&(q===''||r.getAttribute('data-search').indexOf(q)>=0);
      r.classList.toggle('hidden',!ok);if(ok)n++;
    });
    pkgs.forEach(function(p){p.classList.toggle('hidden',!p.querySelector('tr[data-severity]:not(.hidden)'));});
    if(count)count.textContent=String(n);
  }
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  search.addEventListener('input',apply);
  var NUMERIC={rank:true,cvss:true};
  function parts(s){return s.toLowerCase().match(/[0-9]+|[^0-9]+/g)||[];}
  function natural(x,y){
    var a=parts(x),b=parts(y);
    for(var i=0;i<a.length&&i<b.length;i++){
      var p=a[i],q=b[i];
      if(/^[0-9]/.test(p)&&/^[0-9]/.test(q)){p=p.replace(/^0+/,'');q=q.replace(/^0+/,'');if(p.length!==q.length)return p.length-q.length;}
      if(p!==q)return p<q?-1:1;
    }
    return a.length-b.length;
  }
  [].slice.call(document.querySelectorAll('th[data-sort]')).forEach(function(th){
    th.addEventListener('click',function(){
      var table=th.closest('table');var body=table.tBodies[0];
      var key=th.getAttribute('data-sort');var dir=th.getAttribute('aria-sort')==='ascending'?'descending':'ascending';
      [].slice.call(table.querySelectorAll('th[aria-sort]')).forEach(function(o){o.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',dir);
      var list=[].slice.call(body.rows);
      list.sort(function(a,b){
        var x=a.getAttribute('data-'+key)||'',y=b.getAttribute('data-'+key)||'';
        var c=NUMERIC[key]?parseFloat(x)-parseFloat(y):natural(x,y);
        return dir==='ascending'?c:-c;
      });
      list.forEach(function(r){body.appendChild(r);});
    });
  });
  apply();
})();
`;
