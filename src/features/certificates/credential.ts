// The Open Badges 3.0 credential issued with each certificate: an OpenBadgeCredential in the W3C
// Verifiable Credentials Data Model 2.0, secured as an Open Badges 3.0 VC-JWT: a compact JWS (RS256) whose
// payload is the credential itself with the registered JWT claims beside it, and whose header names the
// public key by a URL that serves it (ADR 21). Pure: keys come in, text goes out.
import { compactVerify, CompactSign, decodeProtectedHeader, exportJWK, exportPKCS8, generateKeyPair, importJWK, importPKCS8, type JWK } from 'jose';

export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

export interface AchievementFacts {
  certificateId: string;
  recipientName: string;
  programmeId: string;
  programmeTitle: string;
  /** What completing meant, in words, for the achievement's criteria. */
  criteria: string;
  issuedAt: string;
  issuer: { id: string; name: string; url: string };
  verifyUrl: string;
}

/** The credential's JSON, as the JWS payload carries it. */
export function openBadgeCredential(facts: AchievementFacts) {
  return {
    '@context': [VC_CONTEXT, OB_CONTEXT],
    id: `urn:uuid:${facts.certificateId}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `Certificate of completion: ${facts.programmeTitle}`,
    issuer: { id: facts.issuer.id, type: ['Profile'], name: facts.issuer.name, url: facts.issuer.url },
    validFrom: facts.issuedAt,
    credentialSubject: {
      type: ['AchievementSubject'],
      // Named in the clear, as on the certificate: the person chose to share it by sharing the credential.
      identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: facts.recipientName }],
      achievement: {
        id: `${facts.issuer.url}/credentials/achievements/${facts.programmeId}`,
        type: ['Achievement'],
        achievementType: 'CertificateOfCompletion',
        name: facts.programmeTitle,
        description: `Completion of ${facts.programmeTitle}.`,
        criteria: { narrative: facts.criteria },
      },
    },
    evidence: [{ id: facts.verifyUrl, type: ['Evidence'], name: 'Public verification page' }],
  };
}

export type OpenBadgeCredential = ReturnType<typeof openBadgeCredential>;

/**
 * The JWT payload: the credential with the registered claims OB 3.0 asks a VC-JWT to carry, each mirroring
 * a credential property (iss = issuer.id, jti = id, nbf = validFrom in seconds, sub = credentialSubject.id).
 */
export function vcJwtPayload(credential: OpenBadgeCredential) {
  const subjectId = (credential.credentialSubject as { id?: string }).id;
  return {
    ...credential,
    iss: credential.issuer.id,
    jti: credential.id,
    nbf: Math.floor(Date.parse(credential.validFrom) / 1000),
    ...(subjectId ? { sub: subjectId } : {}),
  };
}

/** The facts a certificate shows, which its credential must state for the page to call it verified. */
export interface ShownFacts {
  certificateId: string;
  recipientName: string;
  programmeTitle: string;
  verifyUrl: string;
  issuerId: string;
}

/**
 * Whether a verified credential's payload speaks of this certificate: its id, recipient, programme, issuer
 * and verification page. A good signature alone proves only that we signed something, perhaps another
 * certificate's badge pasted into this row, or a row whose name was changed after issue.
 */
export function credentialStates(payload: Record<string, unknown>, facts: ShownFacts): boolean {
  const c = payload as {
    id?: unknown;
    issuer?: { id?: unknown };
    credentialSubject?: { identifier?: { identityType?: unknown; identityHash?: unknown }[]; achievement?: { name?: unknown } };
    evidence?: { id?: unknown }[];
  };
  const names = (c.credentialSubject?.identifier ?? []).filter((i) => i.identityType === 'name').map((i) => i.identityHash);
  return (
    c.id === `urn:uuid:${facts.certificateId}` &&
    c.issuer?.id === facts.issuerId &&
    names.length === 1 &&
    names[0] === facts.recipientName &&
    c.credentialSubject?.achievement?.name === facts.programmeTitle &&
    (c.evidence ?? []).some((e) => e.id === facts.verifyUrl)
  );
}

export interface SigningKey {
  kid: string;
  publicJwk: JWK;
  privatePkcs8: string;
}

/** A new RSA key pair for RS256, with the public half as a JWK carrying its own id (a UUID; published as a URL). */
export async function newSigningKey(): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const kid = crypto.randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, publicJwk, privatePkcs8: await exportPKCS8(privateKey) };
}

/** Signs the credential as a VC-JWT: `kid` is the URL that serves the public key, which the header also carries. */
export async function signCredential(credential: OpenBadgeCredential, key: SigningKey, keyUrl: string): Promise<string> {
  const privateKey = await importPKCS8(key.privatePkcs8, 'RS256');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(vcJwtPayload(credential))))
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: keyUrl, jwk: { ...key.publicJwk, kid: keyUrl } })
    .sign(privateKey);
}

/**
 * Checks a stored credential against the keys this server publishes (never against the key the token
 * names for itself alone: anyone can sign with a key of their own). Returns its payload, or null.
 */
export async function verifyCredential(jws: string, publishedKeys: readonly JWK[]): Promise<Record<string, unknown> | null> {
  try {
    const header = decodeProtectedHeader(jws);
    const kid = header.kid;
    if (!kid) return null;
    // Published keys are named by URL; a credential signed before that names its key by the bare id the URL ends in.
    const published = publishedKeys.find((k) => k.kid === kid || (!kid.includes('/') && k.kid?.endsWith(`/${kid}`)));
    if (!published || header.alg !== 'RS256') return null;
    const { payload } = await compactVerify(jws, await importJWK(published, 'RS256'), { algorithms: ['RS256'] });
    return JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
  } catch {
    return null;
  }
}
