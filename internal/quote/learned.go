package quote

import (
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/article"
	"github.com/newsgraph/newsgraph/internal/attribution"
	"github.com/newsgraph/newsgraph/internal/english"
)

// Attributor finds attributions with a learned model
// (internal/attribution's Model).
type Attributor interface {
	// FindIn returns the attributions whose cues lie in or beside the
	// sentences that overlap within (nil: the whole article).
	FindIn(a *article.Article, within []article.Range) []attribution.Attribution
}

// addLearned gives each rule quotation of qs that has no speaker mention
// the speaker named by the source mention of the model attribution that
// covers it, when the model found one, and (with LearnedQuotes) adds the
// model's attributions whose content no rule quotation covers: reported
// speech the rules missed. Each content piece becomes one quotation; its
// speaker comes from the model's source mention, resolved through the
// entity stage's entities and references, or, for a mention the entity
// stage did not name, as written.
func (x *Extractor) addLearned(a *article.Article, qs []article.Quote) []article.Quote {
	var ats []attribution.Attribution
	if x.opts.LearnedQuotes || x.opts.AllAttributions {
		ats = x.opts.Attributor.FindIn(a, nil)
	} else {
		// only the passages of quotations without a speaker mention
		var within []article.Range
		for _, q := range qs {
			if q.Speaker.Mention == nil {
				within = append(within, q.Content.Range())
			}
		}
		if len(within) == 0 {
			return qs
		}
		ats = x.opts.Attributor.FindIn(a, within)
	}
	covered := func(r article.Range) bool {
		for _, q := range qs {
			if q.Content.Range().Overlaps(r) {
				return true
			}
		}
		return false
	}
	for i := range qs {
		q := &qs[i]
		for _, at := range ats {
			if at.Source == nil || !overlapsAny(q.Content.Range(), at.Contents) {
				continue
			}
			if q.Speaker.Mention != nil && q.Speaker.Mention.Range().Overlaps(*at.Source) {
				break
			}
			// The rules' own mention and name win: on the GGT development
			// fold the model's disagreeing mentions were wrong more often
			// than right. Where the rules found no mention (a quotation
			// they took as floating), the model's source becomes the
			// mention; it names the speaker only when the rules named
			// none, so a floating quotation keeps the speaker the rules
			// carried over.
			if q.Speaker.Mention == nil {
				sp := speakerOfMention(a, at.Source, prevSpeaker(qs[:i], nil, q.Content.Start))
				if q.Speaker.Name == "" {
					q.Speaker = sp
				} else if strings.EqualFold(sp.Name, q.Speaker.Name) {
					q.Speaker.Mention = sp.Mention
				}
			}
			break
		}
	}
	if !x.opts.LearnedQuotes && !x.opts.AllAttributions {
		return qs
	}
	var added []article.Quote
	for _, at := range ats {
		cue := article.NewSpan(a.Text, at.Cue.Start, at.Cue.End)
		if !x.opts.AllAttributions && !x.speechCue(cue.Text) {
			continue
		}
		for _, c := range at.Contents {
			c = trimRange(a.Text, c)
			if c.Len() == 0 || covered(c) || len(strings.Fields(a.Text[c.Start:c.End])) < 3 {
				continue
			}
			q := article.Quote{Kind: kindOfContent(a.Text, c), Content: article.NewSpan(a.Text, c.Start, c.End), Cue: &cue}
			q.Speaker = speakerOfMention(a, at.Source, prevSpeaker(qs, added, c.Start))
			if !x.opts.AllAttributions && (q.Speaker.Mention == nil || q.Speaker.Kind == article.SpeakerAnonymous) {
				continue
			}
			added = append(added, q)
		}
	}
	if len(added) == 0 {
		return qs
	}
	qs = append(qs, added...)
	sort.SliceStable(qs, func(i, j int) bool { return qs[i].Content.Start < qs[j].Content.Start })
	return qs
}

// prevSpeaker returns the speaker of the last quotation before off.
func prevSpeaker(qs, added []article.Quote, off int) *article.Speaker {
	var best *article.Speaker
	bestAt := -1
	for _, l := range [][]article.Quote{qs, added} {
		for i := range l {
			if s := l[i].Content.Start; s < off && s > bestAt && l[i].Speaker.Name != "" {
				best, bestAt = &l[i].Speaker, s
			}
		}
	}
	return best
}

func trimRange(text string, r article.Range) article.Range {
	for r.Start < r.End && strings.ContainsRune(" \t\n,.;:", rune(text[r.Start])) {
		r.Start++
	}
	for r.End > r.Start && strings.ContainsRune(" \t\n,;:", rune(text[r.End-1])) {
		r.End--
	}
	return r
}

// kindOfContent is mixed when the content holds a quotation mark, else
// indirect.
func kindOfContent(text string, r article.Range) article.QuoteKind {
	if strings.ContainsAny(text[r.Start:r.End], "\"“”«»") {
		return article.Mixed
	}
	return article.Indirect
}

// speakerOfMention names the speaker a mention refers to: the entity it
// is part of, or the entity a pronoun or description refers to, or, with
// neither, the mention as written. A pronoun with no reference names no
// one: coreference is the entity stage's.
func speakerOfMention(a *article.Article, m *article.Range, prev *article.Speaker) article.Speaker {
	if m == nil {
		if prev != nil {
			return article.Speaker{Name: prev.Name, Kind: prev.Kind}
		}
		return article.Speaker{Kind: article.SpeakerUnknown}
	}
	sp := article.NewSpan(a.Text, m.Start, m.End)
	out := article.Speaker{Mention: &sp}
	// an entity inside the mention: the last person, else the last other
	var best *article.Entity
	for i := range a.Entities {
		e := &a.Entities[i]
		if !e.Range().Overlaps(*m) {
			continue
		}
		if best == nil || e.Type == article.Person || best.Type != article.Person {
			best = e
		}
	}
	if best != nil {
		out.Name, out.Kind = best.Name, kindOf(best.Type)
		return out
	}
	for _, r := range a.References {
		if r.Range().Overlaps(*m) {
			out.Name, out.Kind = r.Name, kindOf(r.Type)
			return out
		}
	}
	if _, ok := english.PronounClasses().Lookup(strings.ToLower(sp.Text)); ok {
		out.Kind = article.SpeakerUnknown // a pronoun the entity stage did not resolve
		return out
	}
	out.Name, out.Kind = sp.Text, article.SpeakerAnonymous
	return out
}

// speechCue reports whether a learned cue reports speech or writing: one
// of its words is a speech reporting verb, or it is "according to". The
// model also finds attributions of belief, intention and evidence
// (PolNeAR annotates them); they are not quotations.
func (x *Extractor) speechCue(cue string) bool {
	ws := strings.Fields(strings.ToLower(cue))
	if len(ws) > 0 && ws[0] == "according" {
		return true
	}
	for _, w := range ws {
		w = strings.Trim(w, ",.:;")
		if x.cues.Get(w)&(english.CueSpeech|english.CueObject) != 0 {
			return true
		}
	}
	return false
}

func overlapsAny(r article.Range, rs []article.Range) bool {
	for _, o := range rs {
		if r.Overlaps(o) {
			return true
		}
	}
	return false
}
