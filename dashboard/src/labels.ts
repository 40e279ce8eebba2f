// Chinese names of the hub's vocabularies, as city staff read them.
export const CATEGORY: Record<string, string> = {
  POLICY: "政策",
  ENTREPRENEUR: "企业家",
  STRATEGY: "战略",
  FINANCING: "融资",
  MARKET: "市场",
  INNOVATION: "创新",
  STARTUP: "创业",
  KNOWLEDGE: "知识",
  LEGAL: "法律",
  SPACE: "空间",
};

export const FOCUS_GROUP: Record<string, string> = {
  GRADUATE: "大学毕业生",
  VETERAN: "退役军人",
  WOMEN: "女性",
  DISABLED: "残疾人",
  OVERSEAS_RETURNEE: "留学生",
};

export const EXPERT_TYPE: Record<string, string> = {
  POLICY: "政策专家",
  INDUSTRY: "行业专家",
  TECH_INNOVATION: "科技创新专家",
  LEGAL: "法律专家",
  FINANCE: "金融专家",
  ENTREPRENEUR: "企业家",
  EXECUTIVE: "企业高管",
  PARK_MANAGER: "园区管理者",
  SCHOLAR: "专家学者",
};

export const label = (table: Record<string, string>, key: string) => table[key] ?? key;
