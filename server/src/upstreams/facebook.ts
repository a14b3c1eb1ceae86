import { count, endpoint, field, parseJson, UpstreamFormatError, type Upstream } from './types.js';

/** Facebook Graph API engagement: needs an app token, which contains the app secret. */
export const facebook: Upstream = {
  id: 'facebook',
  base: 'https://graph.facebook.com',
  // Graph throttles url engagement at about 10 requests per url per hour.
  budget: { requests: 10, seconds: 3600 },
  credentials: ['FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET'],
  request(url, { base, credentials }) {
    return endpoint(base, '/v25.0/', {
      id: url,
      fields: 'og_object{engagement}',
      access_token: `${credentials.FACEBOOK_APP_ID}|${credentials.FACEBOOK_APP_SECRET}`,
    });
  },
  parse(body) {
    const answer = parseJson(body);
    if (field(answer, 'error') !== undefined) throw new UpstreamFormatError('error object');
    if (typeof field(answer, 'id') !== 'string') throw new UpstreamFormatError('no id');
    const object = field(answer, 'og_object');
    // A url Facebook never scraped has an id but no og_object: nobody shared it.
    if (object === undefined) return 0;
    return count(field(field(object, 'engagement'), 'count'));
  },
};
