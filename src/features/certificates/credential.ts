// The Open Badges 3.0 credential issued with each certificate: an OpenBadgeCredential in the W3C
// Verifiable Credentials Data Model 2.0, secured as a compact JWS (RS256) whose payload is the
// credential itself and whose header carries the public key (ADR 21). Pure: keys come in, text goes out.
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

export interface SigningKey {
  kid: string;
  publicJwk: JWK;
  privatePkcs8: string;
}

/** A new RSA key pair for RS256, with the public half as a JWK carrying its own id. */
export async function newSigningKey(): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const kid = crypto.randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, publicJwk, privatePkcs8: await exportPKCS8(privateKey) };
}

/** Signs the credential: a compact JWS with the public key in the protected header. */
export async function signCredential(credential: object, key: SigningKey): Promise<string> {
  const privateKey = await importPKCS8(key.privatePkcs8, 'RS256');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(credential)))
    .setProtectedHeader({ alg: 'RS256', typ: 'vc+jwt', cty: 'vc', kid: key.kid, jwk: key.publicJwk })
    .sign(privateKey);
}

/**
 * Checks a stored credential against the keys this server publishes (never against the key the token
 * names for itself alone: anyone can sign with a key of their own). Returns its payload, or null.
 */
export async function verifyCredential(jws: string, publishedKeys: readonly JWK[]): Promise<Record<string, unknown> | null> {
  try {
    const header = decodeProtectedHeader(jws);
    const published = publishedKeys.find((k) => k.kid === header.kid);
    if (!published || header.alg !== 'RS256') return null;
    const { payload } = await compactVerify(jws, await importJWK(published, 'RS256'), { algorithms: ['RS256'] });
    return JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
  } catch {
    return null;
  }
}
