/** The issuing lab: its name (an organisation name with lab words, usually repeated on each page), CMA and CNAS numbers. */
import { LAB_WORDS, ORG_SUFFIXES } from './data/vocab';
import type { Flow } from './text/flow';
import { collapseHanSpaces } from './text/normalise';
import type { FieldMeta } from './types';

export interface Found {
  value: string;
  meta: FieldMeta;
}

const SUFFIX_RE = ORG_SUFFIXES.map((s) => s.replace(/[()]/g, '\\$&')).join('|');
const ORG_RE = new RegExp(
  `(?:^|[\\t ，,、：:])([\\u3400-\\u9fff（）()]{3,40}?(?:${SUFFIX_RE}))(?=$|[\\t ]|报告编号|检验编号)`,
  'g',
);

/** The lab's name: the most repeated organisation name containing a lab word, not the client or maker. */
export function findLabName(flow: Flow, exclude: (string | undefined)[]): Found | null {
  const ex = new Set(exclude.filter((e): e is string => Boolean(e)).map((e) => e.replace(/\s+/g, '')));
  const counts = new Map<string, { n: number; first: number; meta: FieldMeta }>();
  flow.lines.forEach((l, i) => {
    // spaces inside a cell are letter-spacing; a tab parts two cells ("…有限公司\t第1页共1页")
    const text = l.text.split('\t').map(collapseHanSpaces).join('\t');
    for (const m of text.matchAll(ORG_RE)) {
      const name = m[1] ?? '';
      if (!LAB_WORDS.some((w) => name.includes(w))) continue;
      if (/^(?:本|该|由|经|送|具有|第三方)/.test(name) || name.includes('专用章')) continue;
      if (ex.has(name)) continue;
      const c = counts.get(name);
      if (c) c.n++;
      else {
        counts.set(name, {
          n: 1,
          first: i,
          meta: { confidence: l.confidence, page: l.page, box: l.box, source: l.text },
        });
      }
    }
  });
  let best: [string, { n: number; first: number; meta: FieldMeta }] | null = null;
  for (const e of counts) {
    const better =
      !best ||
      e[1].n > best[1].n ||
      (e[1].n === best[1].n && e[1].meta.confidence > best[1].meta.confidence) ||
      (e[1].n === best[1].n &&
        e[1].meta.confidence === best[1].meta.confidence &&
        e[1].first < best[1].first);
    if (better) best = e;
  }
  return best
    ? {
        value: best[0],
        meta: { ...best[1].meta, confidence: best[1].meta.confidence * (best[1].n > 1 ? 1 : 0.8) },
      }
    : null;
}

/** The CMA certificate number: 12 digits, labelled "CMA" or printed beside the mark. */
export function findCma(flow: Flow): Found | null {
  let fallback: Found | null = null;
  for (const l of flow.lines) {
    const t = l.text.replace(/(\d)[ ](?=\d)/g, '$1');
    const labelled = /(?:CMA|资质认定)[^\d\n]{0,12}(\d{12})(?!\d)/.exec(t);
    if (labelled?.[1]) {
      return {
        value: labelled[1],
        meta: { confidence: l.confidence, page: l.page, box: l.box, source: l.text },
      };
    }
    const bare = /(?<![\d-])(\d{12})(?![\d-])/.exec(t);
    if (bare?.[1] && !fallback && (l.page === 1 || /CNAS/.test(t))) {
      // a lone 12-digit number by the marks (first page header), not a phone or account number
      if (/^\d{12}(?:\s|\t|$)|CNAS/.test(t.trim()) || t.trim() === bare[1]) {
        fallback = {
          value: bare[1],
          meta: { confidence: l.confidence * 0.9, page: l.page, box: l.box, source: l.text },
        };
      }
    }
  }
  return fallback;
}

/** The CNAS accreditation number without the prefix ("L1234"). */
export function findCnas(flow: Flow): Found | null {
  for (const l of flow.lines) {
    const m = /CNAS\s*(?:No\.?|注册号|编号)?\s*[:：]?\s*[1Il|]?\s*(L\s*\d{3,5})(?!\d)/i.exec(l.text);
    if (m?.[1]) {
      return {
        value: m[1].replace(/\s+/g, '').toUpperCase(),
        meta: { confidence: l.confidence, page: l.page, box: l.box, source: l.text },
      };
    }
  }
  return null;
}
