// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { ApiError, apiErrorOf, request } from '../../client/state/api.js';
import { setLocale } from '../../client/i18n.js';

afterEach(async () => setLocale('en', false));

const FR_LINK = 'Le financement n’a pas pu être rattaché\u202f: ';
const ES_LINK = 'No se pudo vincular la financiación: ';
const answer = (status: number, error: unknown) => new Response(JSON.stringify({ error }), { status, headers: { 'content-type': 'application/json' } });

describe('API errors in the reader language (L7)', () => {
  it('[L7] shows errors:<code> with its params (and context variant), keeps the server text, and falls back to it for an unknown code', async () => {
    await setLocale('fr', false);
    const revoked = await apiErrorOf(answer(401, { code: 'unauthorized', message: 'This link is not valid for this plan.', params: { context: 'revoked' } }));
    expect(revoked.message).toBe('Ce lien n’est plus valable pour ce plan\u202f: il est erroné ou a été révoqué. Demandez-en un nouveau à un facilitateur.');
    expect(revoked.serverMessage).toBe('This link is not valid for this plan.');
    expect(revoked.code).toBe('unauthorized');
    const rate = await apiErrorOf(answer(429, { code: 'comment_rate', message: 'Too many comments at once.', params: { burst: 10, perMinute: 20 } }));
    expect(rate.message).toBe('Trop de commentaires d’un coup\u202f: au plus 10 à la suite et 20 par minute. Patientez un instant puis renvoyez-le.');
    const tooMany = await apiErrorOf(answer(400, { code: 'iati_too_many', message: 'x', params: { max: 500 } }));
    expect(tooMany.message).toBe('Le fichier contient trop d’activités\u202f: 500 au plus sont listées par fichier.');
    const unknown = await apiErrorOf(answer(400, { code: 'brand_new_code', message: 'Something new the server says.', params: {} }));
    expect(unknown.message).toBe('Something new the server says.');
    // Hostile params are dropped, not rendered: only short strings and finite numbers are kept.
    const hostile = await apiErrorOf(answer(400, { code: 'invalid_title', message: 'x', params: { max: { evil: true }, other: 'y'.repeat(2000) } }));
    expect(hostile.params).toEqual({ other: 'y'.repeat(500) });
    await setLocale('ar', false);
    const missing = await apiErrorOf(answer(404, { code: 'plan_not_found', message: 'There is no plan with id "x1".', params: { planId: 'x1' } }));
    expect(missing.message).toBe('لا توجد خطة بالمعرّف «x1».');
  });

  it('[L20] a command\'s refusal over HTTP is worded from its key and params (not the English detail), and again after a language switch', async () => {
    await setLocale('fr', false);
    const body = { code: 'invalid_funding_link', message: 'Could not link: there is no live output op9 in this plan.', params: { detail: 'there is no live output op9 in this plan.' }, refusal: { key: 'refusals:notFound', params: { kind: 'output', id: 'op9' } } };
    const e = await apiErrorOf(answer(404, body));
    expect(e.refusal).toEqual({ key: 'refusals:notFound', params: { kind: 'output', id: 'op9' }, message: 'there is no live output op9 in this plan.' });
    expect(e.message).toBe(`${FR_LINK}Introuvable dans ce plan\u202f: produit «\u202fop9\u202f». Cet élément a pu être supprimé entre-temps.`);
    await setLocale('es', false);
    expect(e.text()).toBe(`${ES_LINK}No se encuentra en este plan: producto «op9». Puede que se haya eliminado mientras tanto.`);
    // A code this browser does not know: the refusal stands for the whole text.
    const other = await apiErrorOf(answer(400, { code: 'invalid_reaction', message: 'a reaction has no field "x"', refusal: { key: 'refusals:noField', params: { field: 'x' } } }));
    expect(other.message).toBe('Aquí no hay ningún campo «x» que modificar.');
    // A key outside the refusals catalogue is not trusted: the server's text shows.
    const odd = await apiErrorOf(answer(400, { code: 'brand_new_code', message: 'Plain English.', refusal: { key: 'errors:internal', params: {} } }));
    expect(odd.refusal).toBeNull();
    expect(odd.message).toBe('Plain English.');
    // Params are text: catalogue markup in an id neither nests a message nor breaks the real one.
    const hostile = await apiErrorOf(answer(404, { ...body, refusal: { key: 'refusals:notFound', params: { kind: 'output', id: '$t(refusals:kinds.goal) {{kind}}' } } }));
    expect(hostile.message).toBe(`${ES_LINK}No se encuentra en este plan: producto «$\u200bt(refusals:kinds.goal) {\u200b{kind}}». Puede que se haya eliminado mientras tanto.`);
    // A message that does not show the detail (`not_found`): the refusal says more, so it shows.
    const gone = await apiErrorOf(answer(404, { ...body, code: 'not_found' }));
    expect(gone.message).toBe('No se encuentra en este plan: producto «op9». Puede que se haya eliminado mientras tanto.');
  });

  it('[L38] the domain\'s refusals over HTTP (a closed round, a missing consultation text) are worded in the reader\'s language', async () => {
    await setLocale('fr', false);
    const closed = await apiErrorOf(answer(409, { code: 'round_closed', message: 'The consultation round "Retour" is closed: it takes no more recommendations, support or questions.', params: { detail: 'x' }, refusal: { key: 'refusals:roundClosed', params: { title: 'Retour' } } }));
    expect(closed.message).toBe('La série de consultations «\u202fRetour\u202f» est close\u202f: elle ne reçoit plus de recommandations, de soutiens ni de questions.');
    await setLocale('ar', false);
    expect(closed.text()).toBe('جولة المشاورات «Retour» مغلقة: لم تعد تقبل توصيات أو تأييدًا أو أسئلة.');
    const needed = await apiErrorOf(answer(400, { code: 'brand_new_code', message: 'The suggested way forward is needed.', params: {}, refusal: { key: 'refusals:fieldNeeded', params: { field: 'wayForward' } } }));
    expect(needed.message).toBe('السبيل المقترح للمضي قدمًا: هذا الحقل مطلوب.');
    await setLocale('es', false);
    expect(needed.text()).toBe('Camino a seguir propuesto: este campo es obligatorio.');
  });

  it('[L39] a request no server answers (a closed port) rejects with ApiError network, worded in the reader\'s language and again after a switch, never "Failed to fetch"', async () => {
    // A port nothing listens on: bound, then closed.
    const port = await new Promise<number>((done) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => done(p));
      });
    });
    const starts = { fr: 'Le serveur est injoignable', es: 'No se puede contactar con el servidor', ar: 'تعذّر الوصول إلى الخادم', en: 'The server cannot be reached' };
    for (const [lng, start] of Object.entries(starts)) {
      await setLocale(lng as keyof typeof starts, false);
      const err: unknown = await request(`http://127.0.0.1:${port}/api/plans/p1`, { method: 'POST', body: { title: 'x' } }).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      const e = err as ApiError;
      expect(e).toMatchObject({ status: 0, code: 'network' });
      expect(e.text().startsWith(start)).toBe(true);
      expect(e.text()).not.toMatch(/fetch/i);
      expect((e as Error & { cause?: unknown }).cause).toBeDefined();
      if (lng === 'fr') {
        await setLocale('es', false);
        expect(e.text().startsWith(starts.es)).toBe(true);
      }
    }
    // A request the page itself cancelled stays a cancel (the export menu says "cancelled").
    const aborted = await request('/api/plans/p1', { fetch: async () => Promise.reject(new DOMException('The user aborted a request.', 'AbortError')) }).then(() => null, (e: unknown) => e);
    expect(aborted).not.toBeInstanceOf(ApiError);
    expect((aborted as Error).name).toBe('AbortError');
  });
});

/** A refused import as the server answers it: the parser's problems (or a workbook's) in `invalid_plan`'s body. */
async function refusedImport(problems: unknown[]): Promise<ApiError> {
  return apiErrorOf(answer(400, { code: 'invalid_plan', message: `The plan was not imported: ${problems.length} problem(s) found.`, problems }));
}
/** Drops the isolation marks (FSI ... PDI) put around parameters. */
const plain = (s: string) => s.replace(/[\u2068\u2069]/g, '');

describe('import problems in the reader language (L43)', () => {
  const base = { format: 'roundtable-plan/1', id: 'p', title: 'T' };
  /** A bad plan file, the problem the parser finds first, and its words in French: place and sentence. */
  const ROWS: { input: unknown; place: string; fr: string }[] = [
    { input: '{ nope', place: '/', fr: 'Ce fichier n’est pas du JSON valide.' },
    { input: { ...base, format: 'other/1' }, place: '/format', fr: '«\u202fformat\u202f» doit valoir «\u202froundtable-plan/1\u202f».' },
    { input: { ...base, surprise: 1 }, place: '/surprise', fr: 'Champ inconnu «\u202fsurprise\u202f».' },
    { input: { format: 'roundtable-plan/1' }, place: '/title', fr: 'Le champ obligatoire «\u202ftitle\u202f» manque.' },
    { input: { ...base, goals: [{ id: 'g1', title: 5 }] }, place: '/goals/0/title', fr: '«\u202ftitle\u202f» attend un texte d’au plus 2\u202f000 caractères.' },
    { input: { ...base, stage: 'done' }, place: '/stage', fr: '«\u202fstage\u202f» attend l’une des valeurs preparatory, situation-analysis, strategic-goals, plan-of-action, capacity-and-financing, implementation, monitoring-and-evaluation.' },
    { input: { ...base, activities: 'not a list' }, place: '/activities', fr: '«\u202factivities\u202f» doit être une liste (un tableau JSON).' },
    { input: { ...base, goals: [{ id: 'g1', title: 'G' }, { id: 'g1', title: 'H' }] }, place: '/goals/1/id', fr: 'L’identifiant «\u202fg1\u202f» est déjà pris par un autre objectif, effet, produit ou une autre activité.' },
    { input: { ...base, participants: [{ id: 'p1', name: 'A' }, { id: 'p1', name: 'B' }] }, place: '/participants/1/id', fr: 'L’identifiant «\u202fp1\u202f» est utilisé deux fois (participant).' },
    { input: { ...base, outcomes: [{ id: 'o1', goalId: 'nope', title: 'O' }] }, place: '/outcomes/0/goalId', fr: 'Aucun élément (objectif) n’a l’identifiant «\u202fnope\u202f».' },
    {
      input: { ...base, goals: [{ id: 'g1', title: 'G' }], criteria: [{ id: 'c1', title: 'C' }], participants: [{ id: 'p1', name: 'A' }], scores: [1, 2].map((value) => ({ goalId: 'g1', criterionId: 'c1', participantId: 'p1', value })) },
      place: '/scores/1',
      fr: 'Deuxième élément «\u202fnote\u202f» pour la même combinaison\u202f: objectif, critère et participant.',
    },
  ];

  it('[L43] a JSON plan file\'s problems are worded in French from their codes (the English message stays), and re-worded after a language switch', async () => {
    const { parsePlanJson } = await import('../../shared/schema/parse.js');
    const { loadNoteWords, problemPlaceText, problemText } = await import('../../client/import-notes.js');
    await setLocale('fr', false);
    await loadNoteWords();
    for (const row of ROWS) {
      const parsed = parsePlanJson(row.input);
      expect(parsed.ok, JSON.stringify(row.input)).toBe(false);
      const e = await refusedImport(parsed.ok ? [] : parsed.problems);
      const p = e.problems[0]!;
      expect(problemPlaceText(p, 'tout le fichier'), row.fr).toBe(row.place);
      expect(plain(problemText(p))).toBe(row.fr);
      expect(p.message, row.fr).toBe(parsed.ok ? '' : parsed.problems[0]!.message);
    }
    // A workbook's column by the reader's heading (a money column keeps its currency), kinds of rows by their names.
    const workbook = await refusedImport([
      { sheet: 'Matrix', row: 9, column: 'J', message: 'x', code: 'notNumber', params: { column: 'Planned budget (USD)', columnKey: 'planned', columnCurrency: 'USD', value: 'ten thousand' } },
      { sheet: 'Matrix', row: null, column: null, message: 'x', code: 'noHeader', params: { columns: '"Level", "Code", "Title"', columnsKey: 'level,code,title' } },
      { sheet: 'Matrix', row: 15, column: 'E', message: 'x', code: 'noParent', params: { kind: 'activity', code: '1.1.9.1', parentKind: 'output', parentCode: '1.1.9' } },
      // A heading key the catalogue does not know: the heading as the file wrote it.
      { sheet: 'Matrix', row: 3, column: 'C', message: 'x', code: 'notDate', params: { column: 'Début prévu', columnKey: 'noSuchHeading', value: 'soon' } },
    ]);
    expect(workbook.problems.map((p) => plain(problemText(p)))).toEqual([
      '«\u202fBudget prévu (USD)\u202f» doit être un nombre, et non «\u202ften thousand\u202f».',
      'La feuille n’a pas de ligne d’en-tête avec les colonnes «\u202fNiveau\u202f», «\u202fCode\u202f» et «\u202fIntitulé\u202f».',
      // L101: the parent's kind is a bare level name, never after « de » (« relève de produit »).
      'Cette ligne (activité 1.1.9.1) se range sous un élément de niveau produit (1.1.9) qui n’est pas dans la feuille.',
      '«\u202fDébut prévu\u202f» doit être une date (AAAA-MM-JJ), et non «\u202fsoon\u202f».',
    ]);
    await setLocale('ar', false);
    await loadNoteWords();
    expect(plain(problemText(workbook.problems[0]!))).toBe('يجب أن يكون «الميزانية المخططة (USD)» رقمًا، لا «ten thousand».');
    const last = ROWS[ROWS.length - 1]!;
    const parsed = parsePlanJson(last.input);
    expect(plain(problemText((await refusedImport(parsed.ok ? [] : parsed.problems)).problems[0]!))).toBe('عنصر ثانٍ «تقييم» للتركيبة نفسها: هدف ومعيار ومشارك.');
  });
});
