<?xml version="1.0" encoding="UTF-8"?>
<!--
  names.xsl : pointers and index entries (persons, places, organisations).

  MEANING (functions)
  * Pointers (pe:pointer-uri, pe:pointer-target, pe:pointer-id) are resolved in functions.xsl.
  * pe:entity-kind($entry): 'persons' | 'places' | 'organisations' (the index it belongs to).
  * pe:entity-name($entry): the preferred name as plain text.
  * pe:entity-variants($entry): the other names, distinct, without the preferred one.
  * pe:entity-sort-key($entry): persons by the surname in their id (ENCODING.md §2), others by name.
  * pe:mentions($id): every persName/placeName/orgName in the sources' texts whose @ref points to
    the entry with xml:id $id, in source and document order (reads every source: a run without
    a catalogue); pe:mentions-in($id, $sigla) those of the sources $sigla only.
  * pe:mention-count($id), pe:naming-count($id): its mentions and the sources naming it (the
    catalogue's counts, else counted in the sources).
  * pe:source-form($name): the name as the source spells it, with the edited form in brackets
    where a correction changed it ("Bukarin [Bukharin]").
  * pe:mention-context($name, $words): (before, mention, after) as three strings, the edited
    text of the mention's block (p, item, cell, head, note, quote, or the scraped gloss it sits
    in), cut to $words words either side; an ellipsis marks a cut.
  (Paths to pages come from functions.xsl: pe:entity-path($entry/@xml:id).)

  RENDERING (mode pe:entity-entry)
  * Applied to a tei:person, tei:place or tei:org: a <dl> with the preferred name, variants,
    dates, role, coordinates and the Wikidata link. Used by the index pages and, as a hook, by
    the entity popovers of the reading pages.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:pe="https://purges-edition.example/ns"
  xmlns:err="http://www.w3.org/2005/xqt-errors"
  exclude-result-prefixes="#all">

  <!-- A <dl> describing one index entry (tei:person | tei:place | tei:org). -->
  <xsl:import href="functions.xsl"/>

  <xsl:mode name="pe:entity-entry" on-no-match="shallow-skip"/>

  <!-- ===================================================================== entries -->

  <xsl:function name="pe:entity-kind" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="($pe:indexes[?entry = local-name($entry)]?name, '')[1]"/>
  </xsl:function>

  <xsl:function name="pe:entity-names" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="$entry/(tei:persName | tei:placeName | tei:orgName)"/>
  </xsl:function>

  <xsl:function name="pe:entity-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="names" as="element()*" select="pe:entity-names($entry)"/>
    <xsl:sequence select="normalize-space(string(
      ($names[@type = ('preferred', 'main', 'reg')], $names[not(@type)], $names, $entry/@xml:id)[1]))"/>
  </xsl:function>

  <!-- The sort key of an entry: surname first for persons, else the preferred name. -->
  <xsl:function name="pe:entity-sort-key" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="lower-case(if ($entry/self::tei:person)
      then replace(substring-after($entry/@xml:id, '-'), '-', ' ') else pe:entity-name($entry))"/>
  </xsl:function>

  <xsl:function name="pe:entity-variants" as="xs:string*">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="preferred" as="xs:string" select="pe:entity-name($entry)"/>
    <xsl:sequence select="distinct-values(pe:entity-names($entry) ! normalize-space(.))
      [. != $preferred][. != '']"/>
  </xsl:function>

  <!-- A TEI date-like element (birth, death, floruit, date) as readable text. -->
  <xsl:function name="pe:date-text" as="xs:string">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="text" as="xs:string" select="normalize-space($date)"/>
    <xsl:sequence select="
      if ($text != '') then $text
      else pe:date-label($date)"/>
  </xsl:function>

  <xsl:function name="pe:wikidata-url" as="xs:string?">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="q" as="xs:string?"
      select="($entry/tei:idno[@type = 'wikidata'] ! normalize-space(.))[1]"/>
    <xsl:sequence select="
      if (empty($q) or $q = '') then ()
      else if (starts-with($q, 'http')) then $q
      else 'https://www.wikidata.org/wiki/' || $q"/>
  </xsl:function>

  <!-- ===================================================================== mentions -->

  <!-- a name in a source's text, by the ids its @ref points to (once per name, as the catalogue
       counts mentions: teipub/catalogue.py) -->
  <xsl:key name="pe:mention-of" match="tei:persName[@ref][ancestor::tei:text] | tei:placeName[@ref][ancestor::tei:text]
    | tei:orgName[@ref][ancestor::tei:text]" use="let $name := . return distinct-values(pe:refs(@ref) ! pe:pointer-id(., $name))"/>

  <xsl:variable name="pe:source-docs" as="document-node()*" select="pe:sources()"/>

  <!-- the mentions of an entry in the sources $sigla, in that order (an entry page reads only the
       sources it shows, not every source naming the entry) -->
  <xsl:function name="pe:mentions-in" as="element()*">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="sigla" as="xs:string*"/>
    <xsl:sequence select="$sigla ! pe:doc('sources/' || . || '.xml') ! key('pe:mention-of', $id, .)"/>
  </xsl:function>

  <!-- how many mentions an entry has in all, and how many sources name it: the catalogue's counts,
       or counted in the sources -->
  <xsl:function name="pe:mention-count" as="xs:integer">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="if (exists($pe:catalogue)) then xs:integer((pe:cat-entity($id)/@mentions, 0)[1])
      else count(pe:mentions($id))"/>
  </xsl:function>
  <xsl:function name="pe:naming-count" as="xs:integer">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="if (exists($pe:catalogue)) then xs:integer((pe:cat-entity($id)/@sources, 0)[1])
      else count(distinct-values(pe:mentions($id) ! pe:siglum(.)))"/>
  </xsl:function>

  <!-- every mention of an entry, in reading order (a key per source document: building one map
       of every mention combined the sequences of the entries named most often over and over) -->
  <xsl:function name="pe:mentions" as="element()*" cache="yes">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="$pe:source-docs ! key('pe:mention-of', $id, .)"/>
  </xsl:function>

  <!-- the block whose text frames a mention -->
  <xsl:function name="pe:context-block" as="element()">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="($el/ancestor::*[self::tei:p or self::tei:item or self::tei:cell or
      self::tei:head or self::tei:note or self::tei:quote or self::tei:l or self::tei:bibl or
      self::tei:seg[@type = 'artefact']][1], $el/ancestor::*[@xml:id][1], $el/..)[1]"/>
  </xsl:function>

  <!-- pe:source-form($name): the name as the source writes it (sic, orig; not the editors'
       supplied letters), then the edited form in brackets where they differ: "Bukarin [Bukharin]". -->
  <xsl:function name="pe:source-form" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="inner" as="element()*" select="$el/descendant::*"/>
    <xsl:variable name="diplomatic" as="xs:string" select="normalize-space(string-join(
      $el//text()[empty(ancestor::*[self::tei:corr or self::tei:reg or self::tei:supplied] intersect $inner)]))"/>
    <xsl:variable name="edited" as="xs:string" select="normalize-space(string-join(
      $el//text()[empty(ancestor::*[self::tei:sic or self::tei:orig] intersect $inner)]))"/>
    <xsl:sequence select="if ($diplomatic = $edited) then $edited else $diplomatic || ' [' || $edited || ']'"/>
  </xsl:function>

  <!-- left out of a mention's context: the source's side of a correction, footnotes and glosses
       inside the block, hyphens at page breaks -->
  <xsl:function name="pe:left-out" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el[self::tei:sic[parent::tei:choice] or self::tei:orig[parent::tei:choice]
      or self::tei:note or self::tei:seg[@type = 'artefact'] or self::tei:pc[@force = 'weak']])"/>
  </xsl:function>

  <!-- the text nodes of a block that a mention's context is made of (once per block) -->
  <xsl:function name="pe:context-texts" as="text()*" cache="yes">
    <xsl:param name="block" as="element()"/>
    <xsl:sequence select="$block//text() except $block//*[pe:left-out(.)]//text()"/>
  </xsl:function>

  <xsl:function name="pe:context-string" as="xs:string" cache="yes">
    <xsl:param name="block" as="element()"/>
    <xsl:sequence select="string-join(pe:context-texts($block) ! pe:context-value(.))"/>
  </xsl:function>

  <xsl:function name="pe:context-ends" as="xs:integer*" cache="yes">
    <xsl:param name="block" as="element()"/>
    <xsl:sequence select="pe:string-ends(pe:context-texts($block) ! pe:context-value(.))"/>
  </xsl:function>

  <!-- a context text as the context shows it: where a gloss left out of the context had
       punctuation after it, the spaces round the gloss go with it ("Voroshilov, and", not
       "Voroshilov , and"; as the edited view of the reading page shows it) -->
  <xsl:function name="pe:context-value" as="xs:string">
    <xsl:param name="t" as="text()"/>
    <xsl:variable name="punct" as="xs:string" select="'^\s*[,.;:)\]!?]'"/>
    <xsl:variable name="after-gloss" as="xs:boolean" select="exists($t/preceding-sibling::node()[1][self::tei:seg[@type = 'artefact']])
      and matches($t, '^\s+[,.;:)\]!?]')"/>
    <xsl:variable name="next" as="node()?" select="$t/following-sibling::node()[1][self::tei:seg[@type = 'artefact']]
      /following-sibling::node()[not(self::tei:seg[@type = 'artefact'])][1]"/>
    <xsl:variable name="before-gloss" as="xs:boolean" select="exists($t/following-sibling::node()[1][self::tei:seg[@type = 'artefact']])
      and (empty($next) or ($next instance of text() and matches($next, $punct)))"/>
    <xsl:variable name="s" as="xs:string" select="if ($after-gloss) then replace($t, '^\s+', '') else string($t)"/>
    <xsl:sequence select="if ($before-gloss) then replace($s, '\s+$', '') else $s"/>
  </xsl:function>

  <!-- the position of each of a block's context texts, by generate-id() -->
  <xsl:function name="pe:context-positions" as="map(xs:string, xs:integer)" cache="yes">
    <xsl:param name="block" as="element()"/>
    <xsl:sequence select="map:merge(pe:context-texts($block) ! map:entry(generate-id(.), position()))"/>
  </xsl:function>

  <!-- where each text node ends in the string of them all (in characters) -->
  <xsl:function name="pe:text-ends" as="xs:integer*">
    <xsl:param name="texts" as="text()*"/>
    <xsl:sequence select="pe:string-ends($texts ! string(.))"/>
  </xsl:function>

  <xsl:function name="pe:string-ends" as="xs:integer*">
    <xsl:param name="texts" as="xs:string*"/>
    <xsl:iterate select="$texts">
      <xsl:param name="end" as="xs:integer" select="0"/>
      <xsl:variable name="here" as="xs:integer" select="$end + string-length(.)"/>
      <xsl:sequence select="$here"/>
      <xsl:next-iteration><xsl:with-param name="end" select="$here"/></xsl:next-iteration>
    </xsl:iterate>
  </xsl:function>

  <xsl:function name="pe:mention-context" as="xs:string+">
    <xsl:param name="el" as="element()"/>
    <xsl:param name="words" as="xs:integer"/>
    <xsl:variable name="block" as="element()" select="pe:context-block($el)"/>
    <!-- the block's words, found once per block (pe:context-texts) unless the mention itself
         sits in a part that is left out for the others (then they are found for it alone) -->
    <xsl:variable name="nested" as="xs:boolean" select="exists($el/ancestor::*[pe:left-out(.)][. >> $block])"/>
    <xsl:variable name="texts" as="text()*" select="if ($nested)
      then $block//text() except ($block//*[pe:left-out(.)] except $el/ancestor-or-self::*)//text()
      else pe:context-texts($block)"/>
    <xsl:variable name="inside" as="text()*" select="$el//text() except $el//*[pe:left-out(.)]//text()"/>
    <!-- the block's text as one string, cut where the mention begins and ends: the texts before
         it, its own, then those after it are consecutive in $texts -->
    <xsl:variable name="all" as="xs:string" select="if ($nested) then string-join($texts) else pe:context-string($block)"/>
    <xsl:variable name="ends" as="xs:integer*" select="if ($nested) then pe:text-ends($texts) else pe:context-ends($block)"/>
    <xsl:variable name="n-before" as="xs:integer" select="if (not($nested) and exists($inside))
      then pe:context-positions($block)(generate-id($inside[1])) - 1 else count($texts[. &lt;&lt; $el])"/>
    <xsl:variable name="cut1" as="xs:integer" select="($ends[$n-before], 0)[1]"/>
    <xsl:variable name="cut2" as="xs:integer" select="($ends[$n-before + count($inside)], $cut1)[1]"/>
    <!-- only the words near the mention are split (a long block is not split once per mention;
         where the span holds too few words, the whole of that side is);
         one-argument tokenize (split at whitespace) rather than a regular expression: the same
         words, at a third of the cost in the index and chronology pages -->
    <xsl:variable name="span" as="xs:integer" select="12 * ($words + 1)"/>
    <xsl:variable name="before-tail" as="xs:string" select="substring($all, max((1, $cut1 - $span + 1)), min(($span, $cut1)))"/>
    <xsl:variable name="before" as="xs:string*" select="
      let $near := tokenize($before-tail)
      return if (count($near) gt $words or string-length($before-tail) = $cut1) then $near
      else tokenize(substring($all, 1, $cut1))"/>
    <xsl:variable name="after-head" as="xs:string" select="substring($all, $cut2 + 1, $span)"/>
    <xsl:variable name="after" as="xs:string*" select="
      let $near := tokenize($after-head)
      return if (count($near) gt $words or $cut2 + $span ge string-length($all)) then $near
      else tokenize(substring($all, $cut2 + 1))"/>
    <xsl:variable name="b" as="xs:string" select="string-join(subsequence($before,
      max((1, count($before) - $words + 1))), ' ')"/>
    <xsl:variable name="a" as="xs:string" select="string-join(subsequence($after, 1, $words), ' ')"/>
    <xsl:sequence select="(
      (if (count($before) gt $words) then '… ' else '') || $b || (if ($b != '' and matches(substring($all, $cut1, 1), '\s')) then ' ' else ''),
      normalize-space(substring($all, $cut1 + 1, $cut2 - $cut1)),
      (if ($a != '' and matches(substring($all, $cut2 + 1, 1), '\s')) then ' ' else '') || $a
        || (if (count($after) gt $words) then ' …' else ''))"/>
  </xsl:function>

  <!-- ===================================================================== rendering -->

  <xsl:template match="tei:person | tei:place | tei:org" mode="pe:entity-entry">
    <xsl:variable name="rows" as="element()*">
      <dt><xsl:value-of select="pe:label('entry-name')"/></dt>
      <dd class="pe-entry-name"><xsl:value-of select="pe:entity-name(.)"/></dd>
      <xsl:variable name="variants" as="xs:string*" select="pe:entity-variants(.)"/>
      <xsl:if test="exists($variants)">
        <dt><xsl:value-of select="pe:label('entry-variants')"/></dt>
        <dd class="pe-entry-variants"><xsl:value-of select="$variants" separator="; "/></dd>
      </xsl:if>
      <xsl:apply-templates mode="#current"
        select="tei:birth, tei:death, tei:floruit, tei:occupation, tei:roleName, tei:state,
                tei:affiliation, tei:trait, tei:desc, self::tei:place/@type,
                tei:location, tei:note, tei:idno"/>
    </xsl:variable>
    <!-- one row a line: text extractors (the search index) then keep "Ezhov" and "Born" apart -->
    <dl class="pe-entry" data-tei="{local-name()}">
      <xsl:for-each select="$rows"><xsl:text>&#10;</xsl:text><xsl:sequence select="."/></xsl:for-each>
      <xsl:text>&#10;</xsl:text>
    </dl>
  </xsl:template>

  <xsl:template match="tei:birth | tei:death | tei:floruit" mode="pe:entity-entry">
    <dt><xsl:value-of select="pe:label('entry-' || local-name())"/></dt>
    <dd><xsl:value-of select="pe:date-text(.)"/></dd>
  </xsl:template>

  <xsl:template match="tei:occupation | tei:roleName | tei:state | tei:affiliation | tei:trait"
    mode="pe:entity-entry">
    <dt><xsl:value-of select="pe:label('entry-role')"/></dt>
    <dd><xsl:value-of select="normalize-space(.)"/></dd>
  </xsl:template>

  <!-- "Wikidata id not verified": the absence of a link says as much -->
  <xsl:template match="tei:note[@type = 'authority']" mode="pe:entity-entry"/>

  <xsl:template match="tei:desc | tei:note" mode="pe:entity-entry">
    <dt><xsl:value-of select="pe:label('entry-note')"/></dt>
    <dd><xsl:value-of select="normalize-space(.)"/></dd>
  </xsl:template>

  <xsl:template match="tei:location[tei:geo]" mode="pe:entity-entry">
    <xsl:variable name="ll" as="xs:string*" select="tokenize(normalize-space(tei:geo[1]), '[\s,]+')"/>
    <dt><xsl:value-of select="pe:label('entry-coordinates')"/></dt>
    <dd class="pe-entry-geo" data-lat="{$ll[1]}" data-long="{$ll[2]}">
      <xsl:value-of select="pe:label('entry-latlong', ($ll[1], $ll[2]))"/>
    </dd>
  </xsl:template>

  <xsl:template match="tei:place/@type" mode="pe:entity-entry">
    <dt><xsl:value-of select="pe:label('entry-place-type')"/></dt>
    <dd><xsl:value-of select="."/></dd>
  </xsl:template>

  <xsl:template match="tei:idno[@type = 'wikidata']" mode="pe:entity-entry">
    <xsl:variable name="url" as="xs:string?" select="pe:wikidata-url(..)"/>
    <dt><xsl:value-of select="pe:label('entity-wikidata')"/></dt>
    <dd><a class="pe-wikidata" href="{$url}"><xsl:value-of select="normalize-space(.)"/></a></dd>
  </xsl:template>
</xsl:stylesheet>
