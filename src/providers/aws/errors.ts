/**
 * End User Messaging's errors (restJson1): the error type in the `x-amzn-ErrorType` header (or
 * `__type` / `code` in the body), `{"message": …}` in the body, and the request id in
 * `x-amzn-RequestId`, which AWS Support asks for.
 */
import { z } from 'zod';
import type { ProviderErrorBody } from '../types';

const errorBody = z.looseObject({
  message: z.string().nullish(),
  Message: z.string().nullish(),
  __type: z.string().nullish(),
  code: z.string().nullish(),
});

/** `ValidationException:http://internal.amazon.com/…` and `com.amazonaws.socialmessaging#ValidationException` → `ValidationException`. */
export function errorTypeName(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const name = raw.split(':')[0]!.split('#').pop()!.trim();
  return name || null;
}

/** Seconds before retrying a throttled call: AWS sends no Retry-After, and its SDKs' standard policy retries throttling after a short backoff. */
export const THROTTLE_RETRY_SECONDS = 1;

const THROTTLING = new Set(['ThrottledRequestException', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);
/** The errors of a request whose keys or signature are wrong (HTTP 403, or 400 for an expired token). */
const BAD_CREDENTIALS: Record<string, string> = {
  UnrecognizedClientException: 'AWS does not know the access key id: check the access keys configured for this account on the Flow Desk server.',
  InvalidSignatureException: 'The signature does not match the access key id: check the secret access key configured for this account on the Flow Desk server.',
  IncompleteSignatureException: 'The request was not signed completely: check the access keys configured for this account on the Flow Desk server.',
  MissingAuthenticationTokenException: 'The request carried no AWS credentials: configure the access keys of this account on the Flow Desk server.',
  ExpiredTokenException: 'The session token has expired: configure fresh temporary credentials (or long-term access keys) on the Flow Desk server.',
};
const ADVICE: Record<string, string> = {
  AccessDeniedException: 'The IAM identity of these access keys is not allowed this social-messaging action on this WABA (social-messaging:ListWhatsAppFlows, GetWhatsAppFlow, ListWhatsAppFlowAssets, GetWhatsAppFlowPreview).',
  AccessDeniedByMetaException: 'Meta refused the call AWS made for this WABA: the WABA’s link to Meta may need attention in the End User Messaging Social console.',
  ...BAD_CREDENTIALS,
};

export function parseAwsError(body: unknown, headers: Headers | undefined): ProviderErrorBody | null {
  const parsed = errorBody.safeParse(body);
  const fields = parsed.success ? parsed.data : null;
  const type = errorTypeName(headers?.get('x-amzn-errortype')) ?? errorTypeName(fields?.__type) ?? errorTypeName(fields?.code);
  const message = fields?.message ?? fields?.Message ?? null;
  const requestId = headers?.get('x-amzn-requestid') ?? headers?.get('x-amz-request-id') ?? null;
  if (!type && !message) return null;
  const rateLimited = type !== null && THROTTLING.has(type);
  return {
    code: type,
    message,
    errorId: requestId,
    notFound: type === 'ResourceNotFoundException',
    rateLimited,
    retryAfterSeconds: rateLimited ? THROTTLE_RETRY_SECONDS : null,
    advice: (type && ADVICE[type]) ?? null,
  };
}
