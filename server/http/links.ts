import { Hono } from 'hono';
import { ROLES, type Role } from '../../shared/access.js';
import { CLOSE } from '../../shared/protocol.js';
import { auditCsv } from '../access/audit.js';
import { requireRight } from './authorize.js';
import type { AppDeps, AppEnv } from './deps.js';
import { ApiError } from './errors.js';
import { MAX_LINK_LABEL } from '../access/access-store.js';
import { linkUrl } from './new-plan.js';
import { fieldsOf, limitBody, readJson } from './request.js';

/**
 * Invite links and the audit trail of a plan, mounted at `/api/plans` (facilitators only):
 * list, issue and revoke links (revoking closes the link's live sessions), read the trail
 * as JSON or CSV.
 */
export function linkRoutes(deps: AppDeps): Hono<AppEnv> {
  const { access, audit, sessions } = deps;
  const app = new Hono<AppEnv>();
  const facilitate = requireRight('facilitate');

  app.get('/:id/links', facilitate, async (c) => c.json({ links: await access.list(c.var.planId) }));

  app.post('/:id/links', limitBody(deps.config.maxBodyBytes), facilitate, async (c) => {
    const { role, label: rawLabel } = fieldsOf(await readJson(c));
    if (!ROLES.includes(role as Role)) throw new ApiError(400, 'invalid_role', `"role" must be one of ${ROLES.join(', ')}.`);
    const label = linkLabel(rawLabel);
    const id = c.var.planId;
    const issued = (await access.issue(id, [role as Role], label))[role as Role];
    audit.record(id, 'link.issued', c.var.actor, { linkId: issued.linkId, role: role as Role, label });
    return c.json({ linkId: issued.linkId, role, label, url: linkUrl(c, id, issued.token) }, 201);
  });

  app.delete('/:id/links/:linkId', facilitate, async (c) => {
    const id = c.var.planId;
    const revoked = await access.revoke(id, c.req.param('linkId'));
    if (!revoked) throw new ApiError(404, 'link_not_found', 'There is no live invite link with that id.');
    const closed = sessions.closeLink(id, revoked.id, CLOSE.forbidden, 'invite link revoked');
    audit.record(id, 'link.revoked', c.var.actor, { linkId: revoked.id, role: revoked.role, sessionsClosed: closed });
    return c.json({ revoked, sessionsClosed: closed });
  });

  app.get('/:id/audit', facilitate, async (c) => {
    const id = c.var.planId;
    const events = await audit.list(id);
    if (c.req.query('format') !== 'csv') return c.json({ events });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="audit-${id}.csv"`);
    return c.body(auditCsv(events));
  });
  return app;
}

/**
 * A link's label from a request: absent or null is '', otherwise a string of at most
 * MAX_LINK_LABEL characters after trimming, without control characters; anything else is a 400.
 */
export function linkLabel(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new ApiError(400, 'invalid_label', '"label" must be a string.', { params: { max: MAX_LINK_LABEL } });
  const label = value.trim();
  // eslint-disable-next-line no-control-regex
  if (label.length > MAX_LINK_LABEL || /[\u0000-\u001f\u007f]/.test(label)) {
    throw new ApiError(400, 'invalid_label', `"label" must be at most ${MAX_LINK_LABEL} characters, without line breaks or control characters.`, { params: { max: MAX_LINK_LABEL } });
  }
  return label;
}
