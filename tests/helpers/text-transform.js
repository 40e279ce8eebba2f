// Jest loads .graphql files as their text, as esbuild does for the pages (loader "text").
module.exports = {
  process(source) {
    return {
      code: `module.exports = ${JSON.stringify(source)}; module.exports.default = module.exports;`,
    };
  },
};
