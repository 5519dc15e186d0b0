/** How a filing names its form: on the cover, or by the 様式 number of its edition. */
export const FORM_NAMES: { form: "kiso" | "juten" | "zenkomoku"; pattern: RegExp }[] = [
  { form: "kiso", pattern: /基礎項目評価書|様式2(?!\d)/ },
  { form: "juten", pattern: /重点項目評価書|様式3(?!\d)/ },
  { form: "zenkomoku", pattern: /全項目評価書|様式4(?!\d)/ },
];

/** The cover's form heading: 特定個人情報保護評価書(重点項目評価書). */
export const FORM_HEADING = /特定個人情報保護評価書\((基礎項目|重点項目|全項目)評価書\)/;
export const FORM_BY_HEADING: Record<string, "kiso" | "juten" | "zenkomoku"> = {
  "基礎項目": "kiso",
  "重点項目": "juten",
  "全項目": "zenkomoku",
};
