// The portal's API client, generated from the OpenAPI document (`npm run api:generate`): request
// builders for Angular's HttpClient, so the auth interceptor and HttpTestingController apply.
export default {
  input: '../openapi.json',
  output: 'src/app/api/generated',
  plugins: [
    '@hey-api/client-angular',
    '@hey-api/typescript',
    { name: '@angular/common', httpRequests: true, httpResources: false },
  ],
};
