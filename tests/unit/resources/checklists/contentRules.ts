import type { ChecklistItem } from '../../../../shared/checklist/schema';

/**
 * The content rules of issue 13 as pure functions over parsed items, so content.test.ts runs them
 * on the real files and rules.test.ts shows each one catching a probe. Each returns the offenders as
 * readable lines ("<id>: <what is wrong>"); an empty list means the content passes.
 */

/**
 * Hosts that checklist-sources.md §5 labels as mirrors, proxies or reprints, and hosts that serve
 * another outlet's pages (cg-entry.meduza.io, web.production.meduza.io) or anyone's text
 * (telegra.ph). The product cites the original outlet (research §5), never these.
 */
export const MIRROR_HOSTS = [
  'effauk.org',
  'docslib.org',
  'accessnow.cshp.co',
  'salishseaathenaeum.blogspot.com',
  'website3-preview.staging.meduza.io',
  'cg-entry.meduza.io',
  'web.production.meduza.io',
  'storage.googleapis.com',
  'huilo.artek0chumak.org',
  'fckrkn.hhchhc.net',
  'd31icbnmvylvz7.cloudfront.net',
  'd3u79xw4pw06go.cloudfront.net',
  'hcckkmkv-bsccljbcrq-ez.a.run.app',
  'zaqgksqa-bsccljbcrq-ez.a.run.app',
  'group-telegram.com',
  'dlsserve.com',
  'ciso2ciso.com',
  'cybersecurity-see.com',
  'protect-computer.pages.dev',
  'planetarycitizens.org',
  'pdfslide.us',
  'telegra.ph',
  'm.durovloh.me',
  'mbk-news.appspot.com',
  'ghpages.level-up.cc',
  // Reprints and aggregators of other outlets' reporting (issue 13 §3).
  'staradvertiser.com',
  'briefnews.live',
  'exbulletin.com',
  'britishwire.com',
  'thedailyintake.online',
  'pledgetimes.com',
  'technadu.com',
  'humanevents.com',
  'thenews.pk',
  'en.tengrinews.kz',
  'mediapool.bg',
  'news.mail.ru',
  'ya.ru',
  'usrusskinews.com',
  'winterbirch.org',
  'toalexsmail.com',
  'archive.gijn.org',
  'web.archive.org',
  'archive.ph',
  'archive.today',
];

/**
 * URL shapes that are not a stable original page: AMP copies, WordPress `?p=` short links,
 * archive snapshots, paginated author listings, print views and tracking parameters.
 */
export const UNSTABLE_URL_PATTERNS: readonly { name: string; test: (url: URL) => boolean }[] = [
  {
    name: 'AMP page',
    test: (url) => /(^|\/)amp(\/|$)|\/index\.amp$|\.amp$|\.html\/amp$/i.test(url.pathname),
  },
  {
    name: 'AMP host',
    test: (url) => url.hostname.startsWith('amp.') || url.hostname.endsWith('.cdn.ampproject.org'),
  },
  { name: '?p= short link', test: (url) => url.searchParams.has('p') },
  { name: 'AMP parameter', test: (url) => url.searchParams.has('amp') || url.searchParams.has('outputType') },
  {
    name: 'tracking parameter',
    test: (url) => [...url.searchParams.keys()].some((key) => key.startsWith('utm_')),
  },
  {
    name: 'listing page',
    test: (url) => /\/(author|tag|page)\/[^/]+\/page\/\d+|\/page\/\d+\/?$/.test(url.pathname),
  },
  { name: 'print view', test: (url) => /^\/print\//.test(url.pathname) },
];

function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^www\./, '');
}

export function sourceOffenders(items: readonly ChecklistItem[]): string[] {
  const offenders: string[] = [];
  for (const item of items) {
    for (const fact of item.facts) {
      for (const source of fact.sources) {
        const url = new URL(source.url);
        const host = hostOf(url);
        if (MIRROR_HOSTS.some((mirror) => host === mirror || host.endsWith(`.${mirror}`))) {
          offenders.push(`${item.id}: ${source.url} is on a mirror, reprint or aggregator host`);
        }
        for (const pattern of UNSTABLE_URL_PATTERNS) {
          if (pattern.test(url)) {
            offenders.push(`${item.id}: ${source.url} is a ${pattern.name}`);
          }
        }
      }
    }
  }
  return offenders;
}

/** The newest date anyone can vouch for the item's facts: a fact's own date or its recorded review. */
export function newestCheckedFact(item: ChecklistItem): string | null {
  let newest: string | null = null;
  for (const fact of item.facts) {
    for (const date of [fact.as_of, fact.checked]) {
      if (date !== undefined && (newest === null || date > newest)) {
        newest = date;
      }
    }
  }
  return newest;
}

/**
 * last_reviewed says when the facts were checked. Without a recorded review (a fact's `checked`),
 * it may not be later than the newest fact: that was the defect of issue 13 §2 (every item
 * "reviewed" on one day while its facts were months older). A review covers every fact, so
 * last_reviewed is no later than the least recently checked one; one fact re-checked today does
 * not make the item's other facts current. A recorded review is never before the fact it checks.
 */
export function reviewDateOffenders(items: readonly ChecklistItem[]): string[] {
  const offenders: string[] = [];
  for (const item of items) {
    item.facts.forEach((fact, index) => {
      if (fact.checked !== undefined && fact.checked < fact.as_of) {
        offenders.push(`${item.id} facts[${index}]: checked ${fact.checked} is before as_of ${fact.as_of}`);
      }
    });
    const newest = newestCheckedFact(item);
    if (newest !== null && item.last_reviewed > newest) {
      offenders.push(
        `${item.id}: last_reviewed ${item.last_reviewed} is later than its newest checked fact (${newest}) ` +
          'and no fact records a review on that day',
      );
    } else {
      const stale = item.facts.findIndex(
        (fact) => (fact.checked ?? fact.as_of) < item.last_reviewed && fact.as_of < item.last_reviewed,
      );
      if (stale !== -1) {
        const fact = item.facts[stale]!;
        offenders.push(
          `${item.id}: last_reviewed ${item.last_reviewed} but facts[${stale}] was last checked ` +
            `${fact.checked ?? fact.as_of}; re-check it (set its checked) or date the review by it`,
        );
      }
    }
  }
  return offenders;
}

/** Fast-moving topics (issue 13 §2): each with how it is recognised in an item. */
export const FAST_TOPICS: readonly { topic: string; matches: (item: ChecklistItem) => boolean }[] = [
  { topic: 'messengers', matches: (item) => item.category === 'messengers' },
  { topic: 'payments', matches: (item) => item.category === 'payments' },
  {
    topic: 'VPN and blocking',
    matches: (item) =>
      /\bVPN|Roskomnadzor|\bblock(ed|ing|s)?\b|throttl|whitelist|white list|shutdown/i.test(englishOf(item)),
  },
  {
    topic: 'designations',
    matches: (item) => /“(extremist|terrorist|undesirable)”|foreign agent/i.test(englishOf(item)),
  },
  {
    topic: 'mobilisation',
    matches: (item) =>
      /mobilis|\bTCC\b|Reserv\+|deferral|call-up papers|summons to the TCC/i.test(englishOf(item)),
  },
  {
    topic: 'Russian SIM rules',
    matches: (item) => item.category === 'sim' && item.scope.length === 1 && item.scope[0] === 'RU',
  },
];

/** Title, reason, legal note and facts in English: what the item is about, not how to do it. */
function englishOf(item: ChecklistItem): string {
  return [
    item.title.en,
    item.why.en,
    item.legal_note?.en ?? '',
    ...item.facts.map((fact) => fact.text.en),
  ].join('\n');
}

export function fastTopicsOf(item: ChecklistItem): string[] {
  return FAST_TOPICS.filter((topic) => topic.matches(item)).map((topic) => topic.topic);
}

/** The same calendar day `months` later (clamped to the month's end: 30 Nov + 3 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const total = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(total / 12);
  const targetMonth = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${targetYear}-${pad(targetMonth)}-${pad(Math.min(day, lastDay))}`;
}

/** README "Review cadence": 3 months for fast-moving topics, 6 for other dated facts, 12 otherwise. */
export function reviewCycleMonths(item: ChecklistItem): 3 | 6 | 12 {
  if (fastTopicsOf(item).length > 0) return 3;
  return item.facts.length > 0 ? 6 : 12;
}

export function reviewCycleOffenders(items: readonly ChecklistItem[]): string[] {
  const offenders: string[] = [];
  for (const item of items) {
    const months = reviewCycleMonths(item);
    const latest = addMonths(item.last_reviewed, months);
    if (!(item.review_by > item.last_reviewed)) {
      offenders.push(
        `${item.id}: review_by ${item.review_by} is not after last_reviewed ${item.last_reviewed}`,
      );
    } else if (item.review_by > latest) {
      const topics = fastTopicsOf(item);
      const why =
        topics.length > 0
          ? `fast-moving (${topics.join(', ')})`
          : item.facts.length > 0
            ? 'dated facts'
            : 'hygiene';
      offenders.push(
        `${item.id}: ${why}, so review_by must be at most ${months} months after last_reviewed ` +
          `(${latest}), not ${item.review_by}`,
      );
    }
  }
  return offenders;
}

/**
 * One fact, one date: the same fact (the same set of sources) carries the same as_of wherever it
 * appears, so two items never disagree about when something was reported.
 */
export function oneDatePerSourceOffenders(items: readonly ChecklistItem[]): string[] {
  const byFact = new Map<string, Map<string, string[]>>();
  for (const item of items) {
    for (const fact of item.facts) {
      const key = fact.sources
        .map((source) => source.url)
        .sort()
        .join(' + ');
      const dates = byFact.get(key) ?? new Map<string, string[]>();
      dates.set(fact.as_of, [...(dates.get(fact.as_of) ?? []), item.id]);
      byFact.set(key, dates);
    }
  }
  const offenders: string[] = [];
  for (const [key, dates] of byFact) {
    if (dates.size > 1) {
      const list = [...dates].map(([date, ids]) => `${date} in ${ids.join(', ')}`).join('; ');
      offenders.push(`the fact citing ${key} is dated differently: ${list}`);
    }
  }
  return offenders;
}

/** Words that make an item about one country, and how its title must begin in each language. */
export const COUNTRY_PREFIXES = {
  RU: { en: 'In Russia', ru: 'В России', uk: 'У Росії' },
  UA: { en: 'In Ukraine', ru: 'В Украине', uk: 'В Україні' },
} as const;

/**
 * A country-specific item (scope exactly one of RU or UA, or an id ending -ru/-ua) starts its
 * title with the country in every language (README "Writing an item"). Ukrainian also accepts the
 * euphonic «У Україні»/«В Росії» variants and occupied-territory titles naming Ukraine's regions.
 */
export function countryTitleOffenders(items: readonly ChecklistItem[]): string[] {
  const offenders: string[] = [];
  const accepted: Record<'RU' | 'UA', Record<'en' | 'ru' | 'uk', readonly string[]>> = {
    RU: { en: ['In Russia', 'Russia:'], ru: ['В России', 'Россия:'], uk: ['У Росії', 'В Росії', 'Росія:'] },
    UA: {
      en: ['In Ukraine', 'Ukraine:', 'In occupied Ukraine'],
      ru: ['В Украине', 'Украина:', 'На оккупированных территориях Украины'],
      uk: ['В Україні', 'У Україні', 'Україна:', 'На окупованих територіях України'],
    },
  };
  for (const item of items) {
    const country = countryOf(item);
    if (country === null) continue;
    for (const locale of ['en', 'ru', 'uk'] as const) {
      const title = item.title[locale];
      if (!accepted[country][locale].some((prefix) => title.startsWith(prefix))) {
        offenders.push(
          `${item.id}: country-specific (${country}) title.${locale} must start with ` +
            `“${COUNTRY_PREFIXES[country][locale]}”: "${title}"`,
        );
      }
    }
  }
  return offenders;
}

function countryOf(item: ChecklistItem): 'RU' | 'UA' | null {
  if (item.id.endsWith('-ru')) return 'RU';
  if (item.id.endsWith('-ua')) return 'UA';
  if (item.scope.length === 1 && (item.scope[0] === 'RU' || item.scope[0] === 'UA')) return item.scope[0];
  return null;
}

/** The shape of help-contacts.json that the rules read (the zod type, without importing zod here). */
interface HelpContactsLike {
  contacts: readonly {
    id: string;
    how: readonly { kind: string; value: string; checked?: string; source?: { url: string } }[];
    source: { url: string };
  }[];
}

/**
 * Help contacts (issue 13 §6): every route says when it was confirmed and on which of the
 * organisation's own pages, and no contact or route cites a mirror, reprint or AMP page.
 */
export function helpContactOffenders(file: HelpContactsLike): string[] {
  const offenders: string[] = [];
  const badUrl = (url: string): string | null => {
    const parsed = new URL(url);
    const host = hostOf(parsed);
    if (MIRROR_HOSTS.some((mirror) => host === mirror || host.endsWith(`.${mirror}`)))
      return 'a mirror or reprint';
    const pattern = UNSTABLE_URL_PATTERNS.find((candidate) => candidate.test(parsed));
    return pattern ? `a ${pattern.name}` : null;
  };
  for (const contact of file.contacts) {
    const contactBad = badUrl(contact.source.url);
    if (contactBad) offenders.push(`${contact.id}: source ${contact.source.url} is ${contactBad}`);
    for (const how of contact.how) {
      const where = `${contact.id} ${how.kind} ${how.value}`;
      if (how.checked === undefined) offenders.push(`${where}: no checked date`);
      if (how.source === undefined) offenders.push(`${where}: no own-channel source`);
      else {
        const bad = badUrl(how.source.url);
        if (bad) offenders.push(`${where}: source ${how.source.url} is ${bad}`);
      }
      if (how.kind === 'web') {
        const bad = badUrl(how.value);
        if (bad) offenders.push(`${where}: the route itself is ${bad}`);
      }
    }
  }
  return offenders;
}
