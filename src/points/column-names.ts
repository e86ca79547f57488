// Column names a village or facility table may use, English and the Chinese ones planners'
// spreadsheets and Shapefile attribute tables carry. The first present wins; an explicit
// option (`lonField`, `nameField`…) replaces the list.

/** Longitude / easting columns, in order of preference. */
export const LON_COLUMNS = ['lon', 'lng', 'long', 'longitude', 'x', '经度', 'x坐标', '横坐标'];
/** Latitude / northing columns. */
export const LAT_COLUMNS = ['lat', 'latitude', 'y', '纬度', 'y坐标', '纵坐标'];

/**
 * Canonical properties a point gets from a differently named column when it has none of that
 * name: `name` from 名称/村名…, `township` from 乡镇…, `population` from 人口…, `category` from 类别….
 * Reports and `--group-by township` then work on Chinese tables as they come.
 */
export const PROPERTY_ALIASES: Record<'name' | 'township' | 'population' | 'category', string[]> = {
  name: ['名称', '村名', '村庄名称', '行政村', '村庄', '设施名称', '机构名称', 'name_zh'],
  township: ['乡镇', '乡镇名称', '所属乡镇', '乡镇街道', '街道'],
  population: ['人口', '常住人口', '户籍人口', '人口数', '总人口'],
  category: ['类别', '设施类别', '类型'],
};

/** Id columns tried after `id`. */
export const ID_COLUMNS = ['id', '编号', '代码', '村代码'];
