/** The short French answers users see for each failure; details go to the log, never to the body. */
import type { Context } from 'hono';
import { ERROR_CACHE_CONTROL } from './http-cache.js';
import type { AppEnv } from './hono-env.js';

function plain(c: Context<AppEnv>, status: 400 | 404 | 405 | 500 | 502 | 503, text: string, headers: Record<string, string> = {}) {
  c.header('Cache-Control', ERROR_CACHE_CONTROL);
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return c.text(`${text}\n`, status);
}

export function notFound(c: Context<AppEnv>) {
  return plain(c, 404, "Page introuvable : ce département, ce graphique ou ce format n'existe pas. La liste des fiches est sur /");
}

export function methodNotAllowed(c: Context<AppEnv>) {
  return plain(c, 405, 'Méthode non autorisée : ce service se consulte en lecture seule (GET).', { Allow: 'GET, HEAD' });
}

export function badRequest(c: Context<AppEnv>, what: string) {
  return plain(c, 400, `Requête invalide : ${what}. La liste des fiches est sur /`);
}

export function storageUnavailable(c: Context<AppEnv>, retryAfterSeconds: number, error: Error) {
  c.set('error', error.message);
  return plain(c, 503, 'Les données sont momentanément indisponibles. Réessayez dans un instant.', { 'Retry-After': String(retryAfterSeconds) });
}

export function overloaded(c: Context<AppEnv>, retryAfterSeconds: number) {
  return plain(c, 503, 'Le service est très sollicité. Réessayez dans un instant.', { 'Retry-After': String(retryAfterSeconds) });
}

export function invalidDocument(c: Context<AppEnv>, document: string) {
  return plain(c, 502, `Le document de données ${document} est invalide ; l'équipe en charge des données a été prévenue par les journaux.`);
}

export function internalError(c: Context<AppEnv>) {
  return plain(c, 500, `Erreur interne lors de la production de ce document (référence ${c.get('requestId')}).`);
}
