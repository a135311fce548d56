<?xml version="1.0" encoding="UTF-8"?>
<!--
  text.xsl : the text of a source (tei:text and everything in it) as HTML.

  ONE TEMPLATE PER TEI ELEMENT, in alphabetical order below, all in mode pe:text. To find how
  an element is rendered, search this file for match="tei:NAME".

  THE TEI-TO-HTML CONTRACT
  * xml:id becomes id (so every anchor in the reading page is the TEI id: #essay-p4);
    xml:lang becomes lang; the TEI element name is the class "tei-NAME".
  * Names: <a class="ent ent-person|ent-place|ent-org" data-ref="per-yezhov" href="…index page">;
    dates: <time|span class="ent ent-date" data-when|data-from|…>; numbers and measures:
    <span class="ent ent-num" data-value|data-at-least|…>. The CSS highlights them per type.
  * Editorial layers, switched by the reading page's view (classes on the <article>):
    .tei-sic/.tei-orig (diplomatic), .tei-corr/.tei-reg and .tei-supplied (edited),
    .artefact (scraping artefacts: diplomatic only; a paragraph of nothing else is
    .only-artefacts), .md-target (a Markdown link's address,
    diplomatic only), .tei-pc-weak (a hyphen at a page break, diplomatic only).
  * A span with ana="claim:…" gets class "claim" and, after it, one note sign per claim
    (<a class="note-sign" href="#note-CLAIM-ID">) pointing to the apparatus note that
    source.xsl puts at the end of the page.
  * Footnotes of the source (note place="foot") leave a numbered link here; source.xsl lists
    the notes (mode pe:footnote) at the end of the text.

  Tunnel parameter: $root (xs:string) the way back to the site root ('../' from sources/).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:pe="https://purges-edition.example/ns"
  exclude-result-prefixes="#all">

  <xsl:import href="functions.xsl"/>

  <!-- The text of a source as HTML. Unknown elements keep their text (see the tei:* fallback). -->
  <xsl:mode name="pe:text" on-no-match="text-only-copy"/>
  <!-- A footnote of the source, as an item of the notes list at the end of the text. -->
  <xsl:mode name="pe:footnote" on-no-match="shallow-skip"/>

  <!-- ================================================================ decisions -->

  <!-- the entity type of a name element: person | place | org -->
  <xsl:function name="pe:entity-type" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="if ($el/self::tei:persName) then 'person'
      else if ($el/self::tei:placeName) then 'place' else 'org'"/>
  </xsl:function>

  <!-- the claims a span carries (ids: 'claim-expelled-1933') -->
  <xsl:function name="pe:claim-ids" as="xs:string*">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="pe:refs($el/@ana)[pe:ref-kind(.) = 'claim'] ! pe:ref-id(.)"/>
  </xsl:function>

  <!-- the number of a claim's note on this page (order of first appearance) -->
  <xsl:function name="pe:claim-number" as="xs:integer">
    <xsl:param name="claim-id" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="index-of(pe:page-claims(root($context)), $claim-id)[1]"/>
  </xsl:function>

  <!-- the distinct claims referred to in a source text, in order of first appearance -->
  <xsl:function name="pe:page-claims" as="xs:string*" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="distinct-values($doc//tei:text//*[@ana] ! pe:claim-ids(.))"/>
  </xsl:function>

  <!-- the id of the note sign a span leaves for a claim (the apparatus links back to it) -->
  <xsl:function name="pe:sign-id" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:param name="claim-id" as="xs:string"/>
    <xsl:sequence select="'sign-' || ($el/@xml:id, 'n' || count($el/preceding::*[@ana]))[1] || '-' || $claim-id"/>
  </xsl:function>

  <!-- the number a reader sees beside a paragraph of the text: paragraphs are counted 1..n in
       the order of the text, leaving out those the edited view hides (nothing but artefacts of
       transmission), which get none (see pe:numbered-paragraph) -->
  <xsl:function name="pe:paragraph-number" as="xs:string" cache="yes">
    <xsl:param name="p" as="element()"/>
    <xsl:sequence select="if (not(pe:numbered-paragraph($p))) then ''
      else string(pe:paragraph-numbers(root($p))(string($p/@xml:id)))"/>
  </xsl:function>

  <!-- the numbers of a text's paragraphs (id -> number), counted once per text -->
  <xsl:function name="pe:paragraph-numbers" as="map(xs:string, xs:integer)" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="ps" as="element()*" select="$doc//tei:p[pe:numbered-paragraph(.)]"/>
    <xsl:sequence select="map:merge(for $i in 1 to count($ps) return map:entry(string($ps[$i]/@xml:id), $i),
      map { 'duplicates': 'use-first' })"/>
  </xsl:function>

  <!-- does a paragraph get a number (a paragraph of the text with an id, not inside a note or
       another paragraph, not hidden by the edited view)? -->
  <xsl:function name="pe:numbered-paragraph" as="xs:boolean">
    <xsl:param name="p" as="element()"/>
    <xsl:sequence select="exists($p/self::tei:p[@xml:id][ancestor::tei:text][not(ancestor::tei:note or ancestor::tei:p)])
      and not(pe:only-artefacts($p))"/>
  </xsl:function>

  <!-- where an element stands in its text, for readers ('paragraph 12', 'heading “1950s”',
       'note 3'): what a link to it says instead of its id -->
  <xsl:function name="pe:place-label" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="p" as="element()?" select="$el/ancestor-or-self::tei:p[pe:paragraph-number(.) ne ''][1]"/>
    <xsl:variable name="head" as="element()?" select="$el/ancestor-or-self::tei:head[1]"/>
    <xsl:variable name="note" as="element(tei:note)?" select="$el/ancestor-or-self::tei:note[ancestor::tei:text][1]"/>
    <xsl:variable name="before" as="element()?" select="$el/preceding::tei:p[ancestor::tei:text][pe:paragraph-number(.) ne ''][1]"/>
    <!-- the heading of the division it stands in, when no numbered paragraph of that division comes before it -->
    <xsl:variable name="div" as="element()?" select="$el/ancestor::*[self::tei:div or self::tei:list][tei:head][1]"/>
    <xsl:variable name="under" as="element()?" select="if ($div and not($before/ancestor::* intersect $div))
      then $div/tei:head[1] else ()"/>
    <xsl:sequence select="
      if ($note) then pe:label('place-note-' || pe:note-kind($note), pe:note-sign($note))
      else if ($p) then pe:label('place-paragraph', pe:paragraph-number($p))
      else if ($head) then pe:label('place-heading', pe:head-text($head))
      else if ($under) then pe:label('place-under-heading', pe:head-text($under))
      else if ($before) then pe:label('place-after-paragraph', pe:paragraph-number($before))
      else pe:label('place-start')"/>
  </xsl:function>

  <!-- a heading's words as the edited view shows them -->
  <xsl:function name="pe:head-text" as="xs:string">
    <xsl:param name="head" as="element()"/>
    <xsl:sequence select="normalize-space(string-join($head//text()[not(ancestor::tei:sic
      or ancestor::tei:orig or ancestor::tei:seg[@type = 'artefact'] or ancestor::tei:note)], ''))"/>
  </xsl:function>

  <!-- the same for an id of a source's text (a link's fragment), from the source's siglum -->
  <xsl:function name="pe:anchor-label" as="xs:string">
    <xsl:param name="siglum" as="xs:string"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="el" as="element()?" select="pe:doc('sources/' || $siglum || '.xml') ! key('pe:id', $id, .)[1]"/>
    <xsl:sequence select="if ($el) then pe:place-label($el) else pe:label('place-start')"/>
  </xsl:function>

  <!-- is the HTML of $el inside a link already (a name or a linked ref around it)? HTML links
       cannot nest, so an inner name or note sign is then written without its own link -->
  <xsl:function name="pe:inside-link" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el/ancestor::*[self::tei:persName or self::tei:placeName or self::tei:orgName][@ref]
      | $el/ancestor::tei:ref[@target])"/>
  </xsl:function>

  <!-- a block-level TEI paragraph (holds a list, table or block quote) cannot be an HTML p -->
  <xsl:function name="pe:has-blocks" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el/(tei:list | tei:table | tei:listBibl | tei:quote[tei:p]))"/>
  </xsl:function>

  <!-- does the element hold nothing but artefacts of transmission (then the edited view hides it)? -->
  <xsl:function name="pe:only-artefacts" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el//tei:seg[@type = 'artefact'])
      and normalize-space(string-join($el//text()[not(ancestor::tei:seg[@type = 'artefact'])])) = ''"/>
  </xsl:function>

  <!-- heading level of a head: h3 for a top division (h1 is the page title, h2 its sections), one deeper per nesting, at most h6 -->
  <xsl:function name="pe:heading-level" as="xs:integer">
    <xsl:param name="head" as="element()"/>
    <xsl:sequence select="min((6, 2 + count($head/ancestor::tei:div)))"/>
  </xsl:function>

  <!-- written after every block (paragraph, heading, list item, table row and cell): a line
       break, so that the text of two blocks never runs together where whitespace is all that
       parts them (search excerpts, copied text: "Figure 681,692", not "Figure681,692") -->
  <xsl:variable name="pe:block-end" as="xs:string" select="'&#10;'"/>

  <!-- ================================================================ shared attributes -->

  <!-- id, lang and class (TEI name + extra classes) for the HTML element of a TEI element -->
  <xsl:template name="pe:attributes">
    <xsl:param name="class" as="xs:string*" select="()"/>
    <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
    <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
    <xsl:attribute name="class" select="string-join(('tei-' || local-name(), $class), ' ')"/>
  </xsl:template>

  <!-- ================================================================ the elements -->

  <!-- an attribute name (in the encoding guidelines) -->
  <xsl:template match="tei:att" mode="pe:text">
    <code><xsl:call-template name="pe:attributes"/>@<xsl:value-of select="."/></code>
  </xsl:template>

  <xsl:template match="tei:back" mode="pe:text">
    <section><xsl:call-template name="pe:attributes"/><xsl:apply-templates mode="#current"/></section>
  </xsl:template>

  <xsl:template match="tei:bibl" mode="pe:text">
    <xsl:element name="{if (parent::tei:listBibl) then 'li' else 'span'}">
      <xsl:call-template name="pe:attributes"/><xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:body" mode="pe:text">
    <div><xsl:call-template name="pe:attributes"/><xsl:apply-templates mode="#current"/></div>
  </xsl:template>

  <xsl:template match="tei:cell" mode="pe:text">
    <xsl:element name="{if (@role = 'label' or parent::tei:row/@role = 'label') then 'th' else 'td'}">
      <xsl:call-template name="pe:attributes"/>
      <xsl:if test="@cols"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
      <xsl:if test="@rows"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
    <xsl:value-of select="$pe:block-end"/>
  </xsl:template>

  <xsl:template match="tei:choice" mode="pe:text">
    <span><xsl:call-template name="pe:attributes"/><xsl:apply-templates select="*" mode="#current"/></span>
  </xsl:template>

  <xsl:template match="tei:code" mode="pe:text">
    <code><xsl:call-template name="pe:attributes"/><xsl:value-of select="."/></code>
  </xsl:template>

  <xsl:template match="tei:corr" mode="pe:text">
    <span title="{pe:label('corr')}"><xsl:call-template name="pe:attributes">
      <xsl:with-param name="class" select="@cert ! ('cert-' || .)"/></xsl:call-template>
      <xsl:apply-templates mode="#current"/></span>
  </xsl:template>

  <xsl:template match="tei:date" mode="pe:text">
    <xsl:variable name="valid" as="xs:boolean"
      select="matches(@when, '^\d{4}(-\d{2}(-\d{2})?)?$')"/>
    <xsl:element name="{if ($valid) then 'time' else 'span'}">
      <xsl:if test="$valid"><xsl:attribute name="datetime" select="@when"/></xsl:if>
      <xsl:call-template name="pe:attributes">
        <xsl:with-param name="class" select="('ent', 'ent-date', if (@ana) then 'claim' else ())"/>
      </xsl:call-template>
      <xsl:for-each select="@when, @from, @to, @notBefore, @notAfter">
        <xsl:attribute name="data-{lower-case(replace(local-name(), '([A-Z])', '-$1'))}" select="."/>
      </xsl:for-each>
      <xsl:attribute name="title" select="pe:date-label(.)"/>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
    <xsl:call-template name="pe:claim-signs"/>
  </xsl:template>

  <xsl:template match="tei:div" mode="pe:text">
    <section><xsl:call-template name="pe:attributes">
      <xsl:with-param name="class" select="@type ! ('div-' || .)"/></xsl:call-template>
      <xsl:apply-templates mode="#current"/></section>
  </xsl:template>

  <xsl:template match="tei:emph" mode="pe:text">
    <em><xsl:call-template name="pe:attributes"/><xsl:apply-templates mode="#current"/></em>
  </xsl:template>

  <xsl:template match="tei:foreign" mode="pe:text">
    <i><xsl:call-template name="pe:attributes"/><xsl:apply-templates mode="#current"/></i>
  </xsl:template>

  <xsl:template match="tei:front" mode="pe:text">
    <section><xsl:call-template name="pe:attributes"/><xsl:apply-templates mode="#current"/></section>
  </xsl:template>

  <!-- an element name (in the encoding guidelines) -->
  <xsl:template match="tei:gi" mode="pe:text">
    <code><xsl:call-template name="pe:attributes"/>&lt;<xsl:value-of select="."/>&gt;</code>
  </xsl:template>

  <xsl:template match="tei:head" mode="pe:text">
    <xsl:element name="{'h' || pe:heading-level(.)}">
      <xsl:call-template name="pe:attributes"/><xsl:apply-templates mode="#current"/>
    </xsl:element>
    <xsl:value-of select="$pe:block-end"/>
  </xsl:template>

  <xsl:template match="tei:hi" mode="pe:text">
    <xsl:element name="{if (@rend = 'bold') then 'b' else if (@rend = 'italic') then 'i' else 'span'}">
      <xsl:call-template name="pe:attributes"><xsl:with-param name="class" select="@rend ! ('rend-' || .)"/></xsl:call-template>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:ident" mode="pe:text">
    <code><xsl:call-template name="pe:attributes"/><xsl:value-of select="."/></code>
  </xsl:template>

  <xsl:template match="tei:item" mode="pe:text">
    <xsl:element name="{if (parent::tei:list/@type = 'gloss') then 'dd' else 'li'}">
      <xsl:call-template name="pe:attributes"/><xsl:apply-templates mode="#current"/>
    </xsl:element>
    <xsl:value-of select="$pe:block-end"/>
  </xsl:template>

  <xsl:template match="tei:label" mode="pe:text">
    <xsl:element name="{if (parent::tei:list/@type = 'gloss') then 'dt' else 'span'}">
      <xsl:call-template name="pe:attributes"/><xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:lb" mode="pe:text">
    <br/>
  </xsl:template>

  <!-- a list; a gloss list (label + item pairs) becomes a description list -->
  <xsl:template match="tei:list" mode="pe:text">
    <xsl:apply-templates select="tei:head" mode="#current"/>
    <xsl:element name="{if (@type = 'gloss') then 'dl' else if (@rend = 'numbered' or @type = 'ordered') then 'ol' else 'ul'}">
      <xsl:call-template name="pe:attributes"><xsl:with-param name="class" select="@type ! ('list-' || .)"/></xsl:call-template>
      <xsl:apply-templates select="tei:item | tei:label" mode="#current"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:listBibl" mode="pe:text">
    <xsl:apply-templates select="tei:head" mode="#current"/>
    <ul><xsl:call-template name="pe:attributes"/><xsl:apply-templates select="* except tei:head" mode="#current"/></ul>
  </xsl:template>

  <xsl:template match="tei:measure" mode="pe:text">
    <span><xsl:call-template name="pe:attributes">
      <xsl:with-param name="class" select="('ent', 'ent-num', if (@ana) then 'claim' else ())"/></xsl:call-template>
      <xsl:for-each select="@quantity, @unit, @commodity">
        <xsl:attribute name="data-{local-name()}" select="."/>
      </xsl:for-each>
      <xsl:apply-templates mode="#current"/></span>
    <xsl:call-template name="pe:claim-signs"/>
  </xsl:template>

  <!-- a note of the text: its sign here, its text in the list of its kind at the end of the text
       (mode pe:footnote); a note of the source that points to its own mark in the text (@target,
       the pamphlet's [1]) leaves no second sign: the source's mark links to it -->
  <xsl:template match="tei:note" mode="pe:text">
    <xsl:if test="not(pe:note-kind(.) = 'footnote' and starts-with(@target, '#'))">
      <xsl:variable name="id" as="xs:string" select="pe:note-id(.)"/>
      <xsl:element name="{if (pe:inside-link(.)) then 'span' else 'a'}">
        <xsl:if test="not(pe:inside-link(.))"><xsl:attribute name="href" select="'#' || $id"/></xsl:if>
        <xsl:attribute name="class" select="'fn-ref tei-note fn-' || pe:note-kind(.)"/>
        <xsl:attribute name="data-pagefind-ignore" select="''"/>
        <xsl:attribute name="id" select="'fnref-' || $id"/>
        <xsl:attribute name="aria-label" select="pe:label('fn-sign-' || pe:note-kind(.), pe:note-sign(.))"/>
        <sup><xsl:value-of select="pe:note-sign(.)"/></sup>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:num" mode="pe:text">
    <span><xsl:call-template name="pe:attributes">
      <xsl:with-param name="class" select="('ent', 'ent-num', if (@ana) then 'claim' else ())"/></xsl:call-template>
      <xsl:for-each select="@type, @subtype, @value, @atLeast, @atMost">
        <xsl:attribute name="data-{if (local-name() = 'type') then 'num-type' else lower-case(replace(local-name(), '([A-Z])', '-$1'))}" select="."/>
      </xsl:for-each>
      <xsl:apply-templates mode="#current"/></span>
    <xsl:call-template name="pe:claim-signs"/>
  </xsl:template>

  <xsl:template match="tei:orig" mode="pe:text">
    <span title="{pe:label('sic')}"><xsl:call-template name="pe:attributes"/><xsl:apply-templates mode="#current"/></span>
  </xsl:template>

  <xsl:template match="tei:p" mode="pe:text">
    <xsl:variable name="n" as="xs:string" select="pe:paragraph-number(.)"/>
    <xsl:element name="{if (pe:has-blocks(.)) then 'div' else 'p'}">
      <xsl:call-template name="pe:attributes">
        <xsl:with-param name="class" select="if (pe:only-artefacts(.)) then 'only-artefacts' else ()"/>
      </xsl:call-template>
      <xsl:if test="$n ne ''">
        <a class="pnum" href="#{@xml:id}" aria-label="{pe:label('paragraph', $n)}" data-pagefind-ignore=""><xsl:value-of select="$n"/></a>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
    <xsl:value-of select="$pe:block-end"/>
  </xsl:template>

  <!-- a hyphen splitting a word at a page break: shown only in the diplomatic view -->
  <xsl:template match="tei:pc" mode="pe:text">
    <span><xsl:call-template name="pe:attributes">
      <xsl:with-param name="class" select="@force ! ('tei-pc-' || .)"/></xsl:call-template>
      <xsl:apply-templates mode="#current"/></span>
  </xsl:template>

  <!-- a page break: a citable marker, by the page's own number (@n) if the source gives one,
       else by the editors' number of the break (the order of the text; said in the header) -->
  <xsl:template match="tei:pb" mode="pe:text">
    <xsl:variable name="n" as="xs:string" select="pe:pb-label(.)"/>
    <xsl:choose>
      <xsl:when test="@xml:id and not(pe:inside-link(.))">
        <a class="tei-pb pb-marker" id="{@xml:id}" href="#{@xml:id}" title="{pe:label('page-marker', $n)}" data-pagefind-ignore=""
          aria-label="{pe:label('page-marker', $n)}"><xsl:if test="@n"><xsl:attribute name="data-n" select="@n"/></xsl:if>
          <span aria-hidden="true"><xsl:value-of select="pe:label('page-marker-short', $n)"/></span></a>
      </xsl:when>
      <xsl:when test="@xml:id">
        <span class="tei-pb pb-marker" id="{@xml:id}" title="{pe:label('page-marker', $n)}" data-pagefind-ignore=""><xsl:if test="@n"><xsl:attribute name="data-n" select="@n"/></xsl:if>
          <xsl:value-of select="pe:label('page-marker-short', $n)"/></span>
      </xsl:when>
      <xsl:otherwise>
        <span class="tei-pb" title="{pe:label('page-break')}"><xsl:if test="@n">
          <xsl:attribute name="data-n" select="@n"/></xsl:if></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:function name="pe:pb-label" as="xs:string">
    <xsl:param name="pb" as="element(tei:pb)"/>
    <xsl:sequence select="string(($pb/@n, count($pb/preceding::tei:pb[ancestor::tei:text]) + 1)[1])"/>
  </xsl:function>

  <xsl:template match="tei:persName | tei:placeName | tei:orgName" mode="pe:text">
    <xsl:param name="root" as="xs:string" tunnel="yes" select="'../'"/>
    <xsl:variable name="type" as="xs:string" select="pe:entity-type(.)"/>
    <xsl:variable name="ref" as="xs:string?" select="pe:refs(@ref)[1]"/>
    <xsl:variable name="path" as="xs:string?" select="$ref ! pe:ref-path(.)"/>
    <xsl:variable name="link" as="xs:boolean" select="exists($path) and not(pe:inside-link(.))"/>
    <xsl:element name="{if ($link) then 'a' else 'span'}">
      <xsl:if test="$link">
        <xsl:attribute name="href" select="$root || $path"/>
      </xsl:if>
      <xsl:call-template name="pe:attributes">
        <xsl:with-param name="class" select="('ent', 'ent-' || $type)"/>
      </xsl:call-template>
      <xsl:if test="$ref"><xsl:attribute name="data-ref" select="pe:ref-id($ref)"/></xsl:if>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:quote" mode="pe:text">
    <xsl:element name="{if (parent::tei:p or ancestor::tei:item or ancestor::tei:cell or parent::tei:seg) then 'q' else 'blockquote'}">
      <xsl:call-template name="pe:attributes"/><xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <!-- Hook: a page may render a ref, or an element this module does not know, its own way by
       matching it in this mode (pages.xsl: the ODD's pointers to its sibling files, its
       schemaSpec); whatever the hook returns replaces the rendering here. Nothing overrides
       mode pe:text from outside this module. -->
  <xsl:mode name="pe:text-hook" on-no-match="deep-skip"/>

  <xsl:template match="tei:ref" mode="pe:text">
    <xsl:param name="root" as="xs:string" tunnel="yes" select="'../'"/>
    <xsl:variable name="hook" as="node()*"><xsl:apply-templates select="." mode="pe:text-hook"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="exists($hook)"><xsl:sequence select="$hook"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="target" as="xs:string" select="string(@target)"/>
        <xsl:variable name="path" as="xs:string?" select="
          if (pe:ref-kind($target) ne '') then pe:ref-path($target) ! ($root || .)
          else if (matches($target, '^https?://')) then $target
          else if (@type = 'noteAnchor' and starts-with($target, '#')) then $target else ()"/>
        <xsl:variable name="link" as="xs:boolean" select="exists($path) and not(pe:inside-link(.))"/>
        <xsl:element name="{if ($link) then 'a' else 'span'}">
          <xsl:if test="$link"><xsl:attribute name="href" select="$path"/></xsl:if>
          <xsl:call-template name="pe:attributes"><xsl:with-param name="class" select="@rend"/></xsl:call-template>
          <xsl:apply-templates mode="pe:text"/>
        </xsl:element>
        <xsl:if test="@rend = 'md-link'">
          <span class="md-target"> (<xsl:value-of select="@target"/>)</span>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:reg" mode="pe:text">
    <span title="{pe:label('corr')}"><xsl:call-template name="pe:attributes"/><xsl:apply-templates mode="#current"/></span>
  </xsl:template>

  <xsl:template match="tei:row" mode="pe:text">
    <tr><xsl:call-template name="pe:attributes"/><xsl:apply-templates mode="#current"/></tr>
    <xsl:value-of select="$pe:block-end"/>
  </xsl:template>

  <xsl:template match="tei:seg" mode="pe:text">
    <span><xsl:call-template name="pe:attributes">
      <xsl:with-param name="class" select="(
        if (@type = 'artefact') then ('artefact', 'artefact-' || @subtype) else @type ! ('seg-' || .),
        if (@ana) then 'claim' else ())"/></xsl:call-template>
      <xsl:if test="@type = 'artefact'"><xsl:attribute name="title" select="pe:label('artefact')"/></xsl:if>
      <xsl:apply-templates mode="#current"/></span>
    <xsl:call-template name="pe:claim-signs"/>
  </xsl:template>

  <xsl:template match="tei:sic" mode="pe:text">
    <span title="{pe:label('sic')}"><xsl:call-template name="pe:attributes"/><xsl:apply-templates mode="#current"/></span>
  </xsl:template>

  <xsl:template match="tei:supplied" mode="pe:text">
    <span title="{pe:label('supplied')}"><xsl:call-template name="pe:attributes"/><xsl:apply-templates mode="#current"/></span>
  </xsl:template>

  <xsl:template match="tei:table" mode="pe:text">
    <div class="table-wrap">
      <table><xsl:call-template name="pe:attributes"/>
        <xsl:if test="tei:head">
          <!-- every head keeps its id (index entries and the apparatus link to them) -->
          <caption>
            <xsl:for-each select="tei:head">
              <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
              <span><xsl:call-template name="pe:attributes"/><xsl:apply-templates mode="#current"/></span>
            </xsl:for-each>
          </caption>
        </xsl:if>
        <tbody><xsl:apply-templates select="tei:row" mode="#current"/></tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template match="tei:text" mode="pe:text">
    <xsl:apply-templates mode="#current"/>
  </xsl:template>

  <xsl:template match="tei:title" mode="pe:text">
    <cite><xsl:call-template name="pe:attributes"/><xsl:apply-templates mode="#current"/></cite>
  </xsl:template>

  <!-- any other element: its content, with the TEI name as a class hook -->
  <xsl:template match="tei:*" mode="pe:text" priority="-1">
    <xsl:variable name="hook" as="node()*"><xsl:apply-templates select="." mode="pe:text-hook"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="exists($hook)"><xsl:sequence select="$hook"/></xsl:when>
      <xsl:otherwise><span><xsl:call-template name="pe:attributes"/><xsl:apply-templates mode="#current"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the spaces round an artefact that the edited view hides, where punctuation follows it
       ("Volga Germans [gloss]&#10;, who"): kept, but marked so that the edited view hides them
       too and shows "Volga Germans, who", not "Volga Germans , who" -->
  <!-- (the first predicate, a gloss beside the text, is what both functions need and is cheap:
       every text node of a page is matched against this template) -->
  <xsl:template match="text()[preceding-sibling::node()[1][self::tei:seg[@type = 'artefact']]
      or following-sibling::node()[1][self::tei:seg[@type = 'artefact']]]
      [pe:space-before-hidden(.) or pe:space-after-hidden(.)]" mode="pe:text">
    <xsl:variable name="lead" as="xs:string" select="if (pe:space-after-hidden(.)) then replace(., '^(\s+).*$', '$1', 's') else ''"/>
    <xsl:variable name="rest" as="xs:string" select="substring(., string-length($lead) + 1)"/>
    <xsl:variable name="trail" as="xs:string" select="if (pe:space-before-hidden(.)) then replace($rest, '^.*?(\s+)$', '$1', 's') else ''"/>
    <xsl:if test="$lead ne ''"><span class="artefact-space"><xsl:value-of select="$lead"/></span></xsl:if>
    <xsl:value-of select="substring($rest, 1, string-length($rest) - string-length($trail))"/>
    <xsl:if test="$trail ne ''"><span class="artefact-space"><xsl:value-of select="$trail"/></span></xsl:if>
  </xsl:template>

  <!-- does a text end in spaces before an artefact after which punctuation comes? -->
  <xsl:function name="pe:space-before-hidden" as="xs:boolean">
    <xsl:param name="t" as="text()"/>
    <xsl:variable name="segs" as="element()*" select="$t/following-sibling::node()[1][self::tei:seg[@type = 'artefact']]"/>
    <xsl:variable name="after" as="node()?" select="$segs/following-sibling::node()[not(self::tei:seg[@type = 'artefact'])][1]"/>
    <xsl:sequence select="matches($t, '\s$') and exists($segs)
      and (empty($after) or ($after instance of text() and matches($after, '^\s*[,.;:)\]!?]')))"/>
  </xsl:function>

  <!-- does a text begin with spaces, then punctuation, after an artefact? -->
  <xsl:function name="pe:space-after-hidden" as="xs:boolean">
    <xsl:param name="t" as="text()"/>
    <xsl:sequence select="matches($t, '^\s+[,.;:)\]!?]') and exists($t/preceding-sibling::node()[1][self::tei:seg[@type = 'artefact']])"/>
  </xsl:function>

  <!-- ================================================================ claims and notes -->

  <!-- does a span leave its sign for a claim? Not when a later span of the same claim, with the
       same verdict, follows in the same block and sentence: that one's sign serves both (one
       sign per claim and sentence; the highlight still marks every span) -->
  <xsl:function name="pe:sign-shown" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:param name="claim-id" as="xs:string"/>
    <xsl:variable name="block" as="element()?" select="$el/ancestor::*[self::tei:p or self::tei:item or self::tei:cell
      or self::tei:head or self::tei:quote or self::tei:note][1]"/>
    <xsl:variable name="next" as="element()?" select="($block//*[@ana][. >> $el][not(ancestor::* intersect $el)]
      [pe:claim-ids(.) = $claim-id])[1]"/>
    <xsl:variable name="between" as="xs:string" select="if (empty($next)) then '' else string-join(
      $block//text()[. >> $el and . &lt;&lt; $next][not(ancestor::* intersect $el)]
        [not(ancestor::tei:note[ancestor::tei:p] or ancestor::tei:seg[@type = 'artefact'])], '')"/>
    <xsl:sequence select="empty($next)
      or string(pe:claim-verdict($claim-id, string($el/@xml:id))) ne string(pe:claim-verdict($claim-id, string($next/@xml:id)))
      or matches($between, '[.!?][&quot;”’)\]]*(\s|$)')"/>
  </xsl:function>

  <!-- after a span with ana="claim:…": its note signs -->
  <xsl:template name="pe:claim-signs">
    <xsl:variable name="el" as="element()" select="."/>
    <xsl:for-each select="pe:claim-ids($el)[pe:sign-shown($el, .)]">
      <xsl:variable name="claim-id" as="xs:string" select="."/>
      <xsl:variable name="app" as="element()?" select="pe:resolve('claim:' || substring-after($claim-id, 'claim-'))"/>
      <xsl:variable name="question" as="xs:string" select="normalize-space($app/tei:note[@type = 'question'])"/>
      <!-- the register's verdict on this source's reading (catalogue.xsl), said in words to
           every reader (title, aria-label) and marked by a sign, never by colour alone -->
      <xsl:variable name="verdict" as="xs:string?" select="pe:claim-verdict($claim-id, string($el/@xml:id))"/>
      <xsl:variable name="number" as="xs:string" select="string(pe:claim-number($claim-id, $el))"/>
      <xsl:variable name="words" as="xs:string" select="pe:label('note-sign', ($number,
        if ($question) then $question else pe:label('note-sign-claim'),
        if ($verdict) then pe:label('verdict-' || $verdict || '-long') else pe:label('note-sign-no-verdict')))"/>
      <xsl:element name="{if (pe:inside-link($el)) then 'span' else 'a'}">
        <xsl:if test="not(pe:inside-link($el))">
          <xsl:attribute name="href" select="'#note-' || $claim-id"/>
          <xsl:attribute name="aria-label" select="$words"/>
        </xsl:if>
        <xsl:attribute name="title" select="$words"/>
        <xsl:attribute name="class" select="string-join(('note-sign', $verdict ! ('pe-verdict', 'pe-verdict-' || .)), ' ')"/>
        <xsl:attribute name="data-verdict" select="($verdict, 'none')[1]"/>
        <xsl:if test="$verdict"><xsl:attribute name="data-verdict-label" select="pe:label('verdict-' || $verdict)"/></xsl:if>
        <xsl:attribute name="data-note" select="'note-' || $claim-id"/>
        <!-- the sign's number is no word of the text: kept out of the search index and its excerpts -->
        <xsl:attribute name="data-pagefind-ignore" select="''"/>
        <xsl:attribute name="id" select="pe:sign-id($el, $claim-id)"/>
        <xsl:value-of select="$number"/>
        <xsl:if test="$verdict"><span class="sign-verdict" aria-hidden="true"/></xsl:if>
      </xsl:element>
    </xsl:for-each>
  </xsl:template>

  <!-- the kind of a note of the text: 'footnote' (the source's own) or 'editorial' (the
       editors'); the catalogue's (teipub/catalogue.py), decided here the same way without one -->
  <xsl:function name="pe:note-kind" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="(pe:cat-note(string($note/@xml:id))/string(@kind),
      if ($note/@resp or $note/@type = 'editorial') then 'editorial' else 'footnote')[1]"/>
  </xsl:function>

  <!-- the number of a note among the notes of its kind in its text (1..n; header notes never
       count): the catalogue's, counted here only without one -->
  <xsl:function name="pe:note-number" as="xs:integer">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="(pe:cat-note(string($note/@xml:id))/xs:integer(@n),
      count($note/preceding::tei:note[ancestor::tei:text][pe:note-kind(.) = pe:note-kind($note)]) + 1)[1]"/>
  </xsl:function>

  <!-- the sign a reader sees: the source's notes by their own number (@n) or 1..n, the editors'
       by letters (a, b, …, z, aa, …) so the two lists are never confused -->
  <xsl:function name="pe:note-sign" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="n" as="xs:integer" select="pe:note-number($note)"/>
    <xsl:sequence select="if (pe:note-kind($note) = 'editorial') then pe:letters($n)
      else string(($note/@n, $n)[1])"/>
  </xsl:function>

  <xsl:function name="pe:letters" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="if ($n le 26) then codepoints-to-string(96 + $n)
      else pe:letters(($n - 1) idiv 26) || codepoints-to-string(97 + ($n - 1) mod 26)"/>
  </xsl:function>

  <!-- the anchor of a note's entry in its list -->
  <xsl:function name="pe:note-id" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="($note/@xml:id, 'fn' || count($note/preceding::tei:note) + 1)[1]"/>
  </xsl:function>

  <!-- the notes list entry of a source's footnote -->
  <xsl:template match="tei:note" mode="pe:footnote">
    <xsl:variable name="id" as="xs:string" select="pe:note-id(.)"/>
    <xsl:variable name="back" as="xs:string" select="if (pe:note-kind(.) = 'footnote' and starts-with(@target, '#'))
      then substring(@target, 2) else 'fnref-' || $id"/>
    <li id="{$id}" value="{pe:note-number(.)}" class="footnote fn-{pe:note-kind(.)}">
      <xsl:apply-templates mode="pe:text"/>
      <xsl:text> </xsl:text>
      <a class="fn-back" href="#{$back}" aria-label="{pe:label('back-to-text')}">↩</a>
    </li>
  </xsl:template>
</xsl:stylesheet>
