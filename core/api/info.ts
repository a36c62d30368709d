/** The head of the city API's OpenAPI document. */
export const API_INFO = {
  title: 'Volunteer Commons city API',
  version: '1.0.0',
  description:
    'The JSON API of one city. Send `Authorization: Bearer <API key>` (keys are made by the city admin on /admin/api-keys) and an `Idempotency-Key` header with every write. Errors are RFC 9457 problem details.',
};
