package model

import (
	"strings"
	"testing"
)

func TestPermille(t *testing.T) {
	tests := []struct {
		name  string
		f     Figure
		want  int
		hasIt bool
	}{
		{"MIC local governments", Figure{Value: 1158, Total: 1788}, 648, true},
		{"MIC municipalities", Figure{Value: 1111, Total: 1741}, 638, true},
		{"MIC personal data", Figure{Value: 719, Total: 3193}, 225, true},
		{"government bodies, 78.26% rounds up", Figure{Value: 18, Total: 23}, 783, true},
		{"all", Figure{Value: 47, Total: 47}, 1000, true},
		{"none", Figure{Value: 0, Total: 5}, 0, true},
		{"half rounds up", Figure{Value: 1, Total: 2000}, 1, true},
		{"just under half rounds down", Figure{Value: 1, Total: 2001}, 0, true},
		{"no total", Figure{Value: 3193}, 0, false},
		{"negative total", Figure{Value: 1, Total: -1}, 0, false},
	}
	for _, tt := range tests {
		got, ok := tt.f.Permille()
		if got != tt.want || ok != tt.hasIt {
			t.Errorf("%s: Permille() = %d, %v; want %d, %v", tt.name, got, ok, tt.want, tt.hasIt)
		}
	}
}

func TestSurveys(t *testing.T) {
	s := New(Input{Surveys: []Survey{
		{Slug: "b-national", Scope: NationalSurvey},
		{Slug: "c-local", Scope: LocalSurvey},
		{Slug: "a-local", Scope: LocalSurvey},
	}})
	var slugs []string
	for _, sv := range s.Surveys {
		slugs = append(slugs, sv.Slug)
	}
	if got := strings.Join(slugs, " "); got != "a-local b-national c-local" {
		t.Errorf("Surveys = %s, want by slug", got)
	}
	var local []string
	for _, sv := range s.SurveysIn(LocalSurvey) {
		local = append(local, sv.Slug)
	}
	if got := strings.Join(local, " "); got != "a-local c-local" {
		t.Errorf("SurveysIn(local) = %s", got)
	}
	if got := s.SurveysIn("other"); got != nil {
		t.Errorf("SurveysIn(other) = %v, want nil", got)
	}
}
