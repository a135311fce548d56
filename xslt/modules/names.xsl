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
    the entry with xml:id $id, in source and document order (built once for the collection).
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

  <xsl:variable name="pe:mention-map" as="map(xs:string, element()*)" select="map:merge(
    for $n in pe:sources()/tei:TEI/tei:text//(tei:persName | tei:placeName | tei:orgName)[@ref],
        $r in pe:refs($n/@ref)
    return map:entry(pe:pointer-id($r, $n), $n),
    map { 'duplicates': 'combine' })"/>

  <xsl:function name="pe:mentions" as="element()*">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="($pe:mention-map($id), ())"/>
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

  <xsl:function name="pe:mention-context" as="xs:string+">
    <xsl:param name="el" as="element()"/>
    <xsl:param name="words" as="xs:integer"/>
    <xsl:variable name="block" as="element()" select="pe:context-block($el)"/>
    <!-- left out: the source's side of a correction, footnotes and glosses inside the block -->
    <xsl:variable name="skip" as="element()*" select="$block//(tei:sic[parent::tei:choice] |
      tei:orig[parent::tei:choice] | tei:note | tei:seg[@type = 'artefact'] | tei:pc[@force = 'weak'])
      except $el/ancestor-or-self::*"/>
    <xsl:variable name="texts" as="text()*" select="$block//text() except $skip//text()"/>
    <xsl:variable name="inside" as="text()*" select="$el//text() intersect $texts"/>
    <xsl:variable name="before" as="xs:string*"
      select="tokenize(string-join($texts[. &lt;&lt; $el]), '\s+')[. != '']"/>
    <xsl:variable name="after" as="xs:string*"
      select="tokenize(string-join(($texts[. >> $el] except $inside)), '\s+')[. != '']"/>
    <xsl:variable name="b" as="xs:string" select="string-join(subsequence($before,
      max((1, count($before) - $words + 1))), ' ')"/>
    <xsl:variable name="a" as="xs:string" select="string-join(subsequence($after, 1, $words), ' ')"/>
    <xsl:sequence select="(
      (if (count($before) gt $words) then '… ' else '') || $b || (if ($b != '' and matches(string-join($texts[. &lt;&lt; $el]), '\s$')) then ' ' else ''),
      normalize-space(string-join($inside)),
      (if ($a != '' and matches(string-join(($texts[. >> $el] except $inside)), '^\s')) then ' ' else '') || $a
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
