// Corps holds no district rows: the key is all it needs; its fields batch through loaders.
import { districtKeyReference } from "../../shared/district-key-reference";

export const districtReference = districtKeyReference;
