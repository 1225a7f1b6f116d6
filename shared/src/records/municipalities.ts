/**
 * Yamaguchi Prefecture's 19 municipalities (13 cities, 6 towns), in the order of their local
 * government codes (35201 下関市 … 35502 阿武町): the closed list a distribution event's place is
 * chosen from. A place outside the prefecture, or a village or district name, is refused.
 */
export const MUNICIPALITIES = [
  '下関市',
  '宇部市',
  '山口市',
  '萩市',
  '防府市',
  '下松市',
  '岩国市',
  '光市',
  '長門市',
  '柳井市',
  '美祢市',
  '周南市',
  '山陽小野田市',
  '周防大島町',
  '和木町',
  '上関町',
  '田布施町',
  '平生町',
  '阿武町',
] as const;
export type Municipality = (typeof MUNICIPALITIES)[number];
