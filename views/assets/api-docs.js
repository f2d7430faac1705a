// Starts Swagger UI on /api/docs. A file, not an inline script: the content security policy allows none.
/* global SwaggerUIBundle */
(function () {
  const root = document.getElementById('swagger-ui');
  if (!root || typeof SwaggerUIBundle !== 'function') return;
  SwaggerUIBundle({
    url: root.dataset.specUrl,
    domNode: root,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    deepLinking: true,
    // The public validator badge would call out to swagger.io.
    validatorUrl: null,
    persistAuthorization: false,
  });
})();
