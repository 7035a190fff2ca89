package render

import (
	"reflect"
	"strings"
	"testing"
)

// The page documents agencies.json from dataTables; each table must name
// the fields of its struct, in the order the file writes them.
func TestDataTablesMatchStructs(t *testing.T) {
	structs := map[string]reflect.Type{
		"json-top":     reflect.TypeFor[dataFile](),
		"json-agency":  reflect.TypeFor[agencyJSON](),
		"json-service": reflect.TypeFor[serviceJSON](),
		"json-change":  reflect.TypeFor[changeJSON](),
		"json-source":  reflect.TypeFor[sourceJSON](),
	}
	if len(dataTables) != len(structs) {
		t.Errorf("%d documented tables, %d structs", len(dataTables), len(structs))
	}
	for _, tab := range dataTables {
		typ, ok := structs[tab.id]
		if !ok {
			t.Errorf("table %s documents no struct", tab.id)
			continue
		}
		var fields, docs []string
		for f := range typ.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			fields = append(fields, name)
		}
		for _, f := range tab.fields {
			docs = append(docs, f.name)
		}
		if strings.Join(fields, " ") != strings.Join(docs, " ") {
			t.Errorf("%s documents\n\t%v\nbut %s writes\n\t%v", tab.id, docs, typ.Name(), fields)
		}
	}
}
