// Corps holds no district rows: the key is all it needs; its fields batch through loaders.
export const districtReference = {
  __resolveReference(ref: { code: string }) {
    return { code: ref.code };
  },
};
