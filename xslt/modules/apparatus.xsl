<?xml version="1.0" encoding="UTF-8"?>
<!--
  apparatus.xsl : what a contested claim (tei:app in tei/claims.xml, ENCODING.md §9) means,
  and its compact rendering, the apparatus note.

  MEANING (functions)
  * pe:claim-kind($app)        'quantity' | 'date' | 'cause' | 'attribution' | 'characterisation'
  * pe:claim-topics($app)      the topic category ids ('topic-expulsions', ...)
  * pe:category-label($id)     the catDesc of a kind or topic category in the register
  * pe:category-name($id)      its short name, from the id ('topic-death-toll' -> 'Death toll')
  * pe:claim-cert($app)        the edition's certainty: high | medium | low | unknown
  * pe:source-readings($app), pe:scholarship-readings($app)
  * pe:reading-siglum($rdg)    the siglum of the source a reading is from ('sample')
  * pe:source-title($siglum)   the short title of a source (tei/edition.xml; one name per source)
  * pe:source-short($siglum)   the same short title (columns, chart rows)
  * pe:reading-value($rdg)     the normalised tei:num of a reading, or ()
  * pe:value-text($num)        a normalised number in words ('18%', '800,000–900,000', 'over 850,000')
  * pe:reading-summary($rdg)   the reading in one line: the figure, else the gist
  * pe:claim-measure($app)     what the claim's answers count (the catDesc of its #measure-…), or ()
  * pe:reading-measure($rdg)   what a reading's figure counts (its num's measure, else the claim's), or ()
  * pe:reading-links($rdg)     the reading page anchors the reading points to (relative to the site root)
  * pe:reading-bibl($rdg)      the biblStruct a scholarship reading cites
  * pe:bibl-short($biblStruct) 'Getty 1985'; pe:cited-range($rdg) 'p. 58'
  * pe:bibl-cite-link($biblStruct, $root), pe:reading-cite-link($rdg, $root): THE rendering of a
    short citation everywhere (a cite linking to the work's entry on the bibliography page)

  RENDERING
  * mode pe:apparatus-note, applied to a tei:app: the compact note (the readings of the page's
    own source and of at most $apparatus-sources others (params.xsl), the rest counted with a link
    to the claim page; scholarship's figure with a short citation, the editorial note, the
    certainty badge and a link to the claim page). Tunnel parameters: $root (the way back to the site root from the
    page being written, default '../') and $current (the siglum of the reading page the note
    sits in, whose own reading is marked as such; default '').
  * named template pe:certainty-badge ($cert): the edition's confidence in words and a
    three-step meter (shape and text, never colour alone).
  * mode pe:citation, applied to a tei:biblStruct: the full citation.
  * mode pe:claim-inline: the mixed content of a quote, gist or note as phrasing HTML.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:pe="https://purges-edition.example/ns"
  exclude-result-prefixes="#all">

  <xsl:import href="functions.xsl"/>
  <xsl:import href="names.xsl"/>
  <xsl:import href="text.xsl"/>

  <!-- The compact note on one claim (applied to tei:app). -->
  <xsl:mode name="pe:apparatus-note" on-no-match="shallow-skip"/>
  <!-- A full citation of one bibliography entry (applied to tei:biblStruct). -->
  <xsl:mode name="pe:citation" on-no-match="shallow-skip"/>
  <!-- Phrasing content of quotes, gists and notes: text kept, TEI phrase elements as spans. -->
  <xsl:mode name="pe:claim-inline" on-no-match="text-only-copy"/>

  <!-- ===================================================================== meaning -->

  <xsl:function name="pe:claim-kind" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="(pe:refs($app/@ana) ! substring-after(., '#kind-'))[. != ''][1]"/>
  </xsl:function>

  <xsl:function name="pe:claim-topics" as="xs:string*">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="pe:refs($app/@ana)[starts-with(., '#topic-')] ! substring(., 2)"/>
  </xsl:function>

  <!-- the catDesc of a category ('kind-quantity', 'topic-expulsions'), else its id -->
  <xsl:function name="pe:category-label" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="cat" as="element()?"
      select="let $copy := ($pe:catalogue ! key('pe:id', $id, .)[self::tei:category])[1]
              return if (exists($copy)) then $copy else (pe:claims() ! key('pe:id', $id, .)[self::tei:category])[1]"/>
    <xsl:sequence select="(normalize-space(($cat/tei:catDesc, $cat/tei:gloss)[1])[. != ''],
      replace($id, '^(kind|topic)-', ''))[1]"/>
  </xsl:function>

  <!-- the short name of a category, from its id: 'topic-death-toll' -> 'Death toll' -->
  <xsl:function name="pe:category-name" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="words" as="xs:string" select="replace(replace($id, '^(kind|topic)-', ''), '-', ' ')"/>
    <xsl:sequence select="upper-case(substring($words, 1, 1)) || substring($words, 2)"/>
  </xsl:function>

  <xsl:function name="pe:claim-cert" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="pe:cert($app/tei:note[@type = 'editorial'][1])"/>
  </xsl:function>

  <xsl:function name="pe:claim-question" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="normalize-space(($app/tei:note[@type = 'question'], $app/@xml:id)[1])"/>
  </xsl:function>

  <xsl:function name="pe:source-readings" as="element(tei:rdg)*">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="$app/tei:rdgGrp[@type = 'sources']/tei:rdg"/>
  </xsl:function>

  <xsl:function name="pe:scholarship-readings" as="element(tei:rdg)*">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="$app/tei:rdgGrp[@type = 'scholarship']/tei:rdg"/>
  </xsl:function>

  <!-- '#wit-sample' -> the witness -> 'sources/sample.xml' -> 'sample' -->
  <xsl:function name="pe:reading-siglum" as="xs:string">
    <xsl:param name="rdg" as="element(tei:rdg)"/>
    <xsl:variable name="wit" as="xs:string" select="(pe:refs($rdg/@wit)[1], '')[1]"/>
    <xsl:variable name="witness" as="element()?" select="pe:pointer-target($wit, $rdg)"/>
    <xsl:sequence select="
      if ($witness/@corresp) then replace(tokenize(substring-before($witness/@corresp || '#', '#'), '/')[last()], '\.xml$', '')
      else replace($wit, '^#(wit-)?', '')"/>
  </xsl:function>

  <!-- the short title of a source: the ONE name readers see wherever the edition names it (pages,
       columns, charts, panels, exports, citations), declared once in the edition description
       (tei/edition.xml, listBibl type="sources", bibl/title); a source the description does not
       list: its witness in the register, else its own title, else the siglum. Reading pages get the
       description without its list of sources, so the catalogue's copy (@short) comes next. -->
  <xsl:function name="pe:source-title" as="xs:string">
    <xsl:param name="siglum" as="xs:string"/>
    <xsl:variable name="declared" as="xs:string?" select="normalize-space(pe:edition-bibl($siglum)/tei:title[1])[. != '']"/>
    <xsl:variable name="known" as="element(file)?" select="pe:cat-source($siglum)"/>
    <xsl:sequence select="if (exists($declared)) then $declared
      else if (exists($known)) then (($known/@short, $known/@witness, $known/@title)[. != ''], $siglum)[1]
      else pe:source-title-from-tei($siglum)"/>
  </xsl:function>

  <!-- the bibl of the edition description that declares a source (by its siglum) -->
  <xsl:function name="pe:edition-bibl" as="element(tei:bibl)?">
    <xsl:param name="siglum" as="xs:string"/>
    <xsl:sequence select="$pe:edition/tei:TEI/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:listBibl[@type = 'sources']
      /tei:bibl[normalize-space(tei:idno[@type = 'edition']) = $siglum][1]"/>
  </xsl:function>

  <!-- without a catalogue (a hand run, a unit test): the same titles read from the TEI -->
  <xsl:function name="pe:source-title-from-tei" as="xs:string">
    <xsl:param name="siglum" as="xs:string"/>
    <xsl:variable name="witness" as="element()?"
      select="pe:claims() ! key('pe:id', 'wit-' || $siglum, .)[1]"/>
    <xsl:variable name="source" as="document-node()?" select="pe:doc('sources/' || $siglum || '.xml')"/>
    <xsl:sequence select="(normalize-space($witness)[. != ''],
      normalize-space($source//tei:titleStmt/tei:title[@type = 'sub'][1])[. != ''], $siglum)[1]"/>
  </xsl:function>

  <!-- the name for narrow places (columns, chart rows): the same short title (one name per source) -->
  <xsl:function name="pe:source-short" as="xs:string">
    <xsl:param name="siglum" as="xs:string"/>
    <xsl:sequence select="pe:source-title($siglum)"/>
  </xsl:function>

  <!-- the register's verdict on a source reading (ENCODING.md §9, taxonomy claim-verdicts): the key
       of its #verdict-… (contradicted | qualified | disputed | uncheckable | consistent), or () -->
  <xsl:function name="pe:reading-verdict" as="xs:string?">
    <xsl:param name="rdg" as="element(tei:rdg)"/>
    <xsl:sequence select="(tokenize($rdg/@ana)[starts-with(., '#verdict-')] ! substring-after(., '#verdict-'))[1]"/>
  </xsl:function>

  <xsl:function name="pe:reading-value" as="element(tei:num)?">
    <xsl:param name="rdg" as="element(tei:rdg)"/>
    <xsl:sequence select="$rdg/tei:num[@subtype = 'normalised'][1]"/>
  </xsl:function>

  <xsl:function name="pe:format-number" as="xs:string">
    <xsl:param name="n" as="xs:string"/>
    <xsl:sequence select="if ($n castable as xs:decimal) then format-number(xs:decimal($n), '#,##0.##') else $n"/>
  </xsl:function>

  <!-- a normalised num in words, its unit shown: '18%', '800,000–900,000', 'over 850,000' -->
  <xsl:function name="pe:value-text" as="xs:string">
    <xsl:param name="num" as="element(tei:num)"/>
    <xsl:variable name="unit" as="xs:string" select="if ($num/@type = 'percent') then '%' else ''"/>
    <xsl:variable name="f" as="function(attribute()) as xs:string"
      select="function($a) { pe:format-number(string($a)) || $unit }"/>
    <xsl:sequence select="
      if ($num/@atLeast and $num/@atMost) then $f($num/@atLeast) || '–' || $f($num/@atMost)
      else if ($num/@atLeast) then pe:label('value-over', $f($num/@atLeast))
      else if ($num/@atMost) then pe:label('value-under', $f($num/@atMost))
      else if ($num/@value) then $f($num/@value)
      else normalize-space($num)"/>
  </xsl:function>

  <xsl:function name="pe:reading-summary" as="xs:string">
    <xsl:param name="rdg" as="element(tei:rdg)"/>
    <xsl:variable name="num" as="element(tei:num)?" select="pe:reading-value($rdg)"/>
    <xsl:sequence select="
      (if ($num) then pe:value-text($num)
       else (normalize-space($rdg/tei:note[@type = 'gist'][1])[. != ''],
             normalize-space($rdg/tei:quote[1]), '')[1])
      || (if ($rdg/@type = 'derived') then ' ' || pe:label('derived') else '')
      || (if ($rdg/@type = 'context') then ' ' || pe:label('context-reading') else '')"/>
  </xsl:function>

  <!-- what the answers of a claim count: the catDesc of the measure its @ana names, or () -->
  <xsl:function name="pe:claim-measure" as="xs:string?">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="id" as="xs:string?"
      select="(tokenize($app/@ana)[starts-with(., '#measure-')] ! substring(., 2))[1]"/>
    <xsl:sequence select="for $i in $id return normalize-space(root($app)//tei:category[@xml:id = $i]/tei:catDesc)[. != '']"/>
  </xsl:function>

  <!-- what a reading's figure counts: the catDesc of its measure (its num's @ana, else the claim's;
       a context figure only its own), ENCODING.md §9 -->
  <xsl:function name="pe:reading-measure" as="xs:string?">
    <xsl:param name="rdg" as="element(tei:rdg)"/>
    <xsl:variable name="num" as="element(tei:num)?"
      select="($rdg/tei:num[@subtype = 'normalised'], $rdg/tei:num[@subtype = 'context'])[1]"/>
    <xsl:variable name="ids" as="xs:string*"
      select="($num/@ana, if ($num/@subtype = 'normalised') then $rdg/ancestor::tei:app/@ana else ())
              ! tokenize(.)[starts-with(., '#measure-')] ! substring(., 2)"/>
    <xsl:sequence select="for $id in $ids[1] return
      normalize-space(root($rdg)//tei:category[@xml:id = $id]/tei:catDesc)[. != '']"/>
  </xsl:function>

  <!-- site-root-relative links to the spans a source reading points to -->
  <xsl:function name="pe:reading-links" as="xs:string*">
    <xsl:param name="rdg" as="element(tei:rdg)"/>
    <xsl:sequence select="pe:refs($rdg/@corresp) ! pe:corresp-path(.)"/>
  </xsl:function>

  <xsl:function name="pe:reading-bibl" as="element(tei:biblStruct)?">
    <xsl:param name="rdg" as="element(tei:rdg)"/>
    <xsl:variable name="ptr" as="xs:string?" select="($rdg/tei:bibl/tei:ptr/@target, $rdg/@source)[1]"/>
    <xsl:sequence select="if ($ptr) then pe:pointer-target($ptr, $rdg)[self::tei:biblStruct] else ()"/>
  </xsl:function>

  <xsl:function name="pe:bibl-authors" as="xs:string*">
    <xsl:param name="bibl" as="element(tei:biblStruct)"/>
    <xsl:variable name="holder" as="element()?" select="($bibl/tei:analytic[tei:author | tei:editor],
      $bibl/tei:monogr[tei:author | tei:editor])[1]"/>
    <xsl:sequence select="$holder/(tei:author | tei:editor) !
      (let $n := replace(normalize-space((tei:surname, tei:persName/tei:surname, tei:name, .)[1]), '\s*\(.*$', '')
       return if (contains($n, ',')) then substring-before($n, ',') else $n)"/>
  </xsl:function>

  <xsl:function name="pe:bibl-year" as="xs:string">
    <xsl:param name="bibl" as="element(tei:biblStruct)"/>
    <xsl:variable name="date" as="element()?" select="($bibl/tei:monogr/tei:imprint/tei:date)[1]"/>
    <xsl:sequence select="string(($date/@when ! substring(., 1, 4), normalize-space($date), '')[1])"/>
  </xsl:function>

  <!-- 'Getty 1985', 'Getty and Naumov 1999', 'Conquest et al. 1990' -->
  <xsl:function name="pe:bibl-short" as="xs:string">
    <xsl:param name="bibl" as="element(tei:biblStruct)"/>
    <xsl:variable name="a" as="xs:string*" select="pe:bibl-authors($bibl)"/>
    <xsl:variable name="names" as="xs:string" select="
      if (count($a) gt 2) then $a[1] || ' ' || pe:label('et-al')
      else string-join($a, ' ' || pe:label('and') || ' ')"/>
    <xsl:sequence select="normalize-space($names || ' ' || pe:bibl-year($bibl))"/>
  </xsl:function>

  <!-- the pages a reading cites: 'p. 58', 'pp. 196–199' -->
  <xsl:function name="pe:cited-range" as="xs:string?">
    <xsl:param name="rdg" as="element(tei:rdg)"/>
    <xsl:variable name="r" as="element(tei:citedRange)?" select="$rdg/tei:bibl/tei:citedRange[1]"/>
    <xsl:variable name="text" as="xs:string" select="
      if ($r/@from and $r/@to) then $r/@from || '–' || $r/@to else normalize-space($r)"/>
    <xsl:sequence select="
      if (empty($r) or $text = '') then ()
      else if ($r/@unit = 'page' or empty($r/@unit)) then
        pe:label(if (matches($text, '[–,-]')) then 'pages' else 'page', $text)
      else $text"/>
  </xsl:function>

  <!-- the short citation of a scholarship reading: 'Getty 1985, p. 58' -->
  <xsl:function name="pe:reading-citation" as="xs:string">
    <xsl:param name="rdg" as="element(tei:rdg)"/>
    <xsl:variable name="bibl" as="element(tei:biblStruct)?" select="pe:reading-bibl($rdg)"/>
    <xsl:sequence select="string-join((
      if ($bibl) then pe:bibl-short($bibl) else string(($rdg/@source, $rdg/tei:bibl/tei:ptr/@target)[1]),
      pe:cited-range($rdg)), ', ')"/>
  </xsl:function>

  <!-- The short citation of a scholarship reading as the edition renders it everywhere: the
       work's author and year linked to its entry on the bibliography page, then the pages
       ('<cite><a href="…bibliography.html#lenoe-2010">Lenoe 2010</a>, p. 58</cite>'). $root is
       the way back to the site root. A reading whose work is not in the bibliography gets the
       plain text of pe:reading-citation. -->
  <xsl:function name="pe:bibl-cite-link" as="element()">
    <xsl:param name="bibl" as="element(tei:biblStruct)"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:param name="range" as="xs:string?"/>
    <cite class="pe-bibref"><a href="{$root || pe:bibl-path($bibl/@xml:id)}"><xsl:value-of select="pe:bibl-short($bibl)"/></a>
      <xsl:for-each select="$range"><xsl:value-of select="', ' || ."/></xsl:for-each></cite>
  </xsl:function>

  <xsl:function name="pe:reading-cite-link" as="node()*">
    <xsl:param name="rdg" as="element(tei:rdg)"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:variable name="bibl" as="element(tei:biblStruct)?" select="pe:reading-bibl($rdg)"/>
    <xsl:choose>
      <xsl:when test="$bibl/@xml:id">
        <xsl:sequence select="pe:bibl-cite-link($bibl, $root, pe:cited-range($rdg))"/>
      </xsl:when>
      <xsl:otherwise><cite><xsl:value-of select="pe:reading-citation($rdg)"/></cite></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- ===================================================================== rendering -->

  <xsl:template match="tei:app" mode="pe:apparatus-note">
    <xsl:param name="root" as="xs:string" select="'../'" tunnel="yes"/>
    <xsl:param name="current" as="xs:string" select="''" tunnel="yes"/>
    <div class="pe-app" data-claim="{@xml:id}" data-kind="{pe:claim-kind(.)}">
      <p class="pe-app-question"><xsl:value-of select="pe:claim-question(.)"/></p>
      <xsl:call-template name="pe:certainty-badge">
        <xsl:with-param name="cert" select="pe:claim-cert(.)"/>
      </xsl:call-template>
      <!-- the sources listed: this page's own and the first $apparatus-sources others; a reading
           page's slice of the catalogue holds only their readings and says (claim/@sources) how
           many sources read the claim in all -->
      <xsl:variable name="readings" as="element(tei:rdg)*" select="pe:source-readings(.)"/>
      <xsl:variable name="all" as="xs:string*" select="distinct-values($readings ! pe:reading-siglum(.))"/>
      <xsl:variable name="listed" as="xs:string*"
        select="$all[. = $current], $all[. != $current][position() le $pe:apparatus-sources]"/>
      <xsl:variable name="counted" as="xs:integer"
        select="(($pe:catalogue ! key('pe:cat-claim', current()/@xml:id, .))[1]/@sources ! xs:integer(.), count($all))[1]"/>
      <p class="pe-app-heading"><xsl:value-of select="pe:label('claim-sources')"/></p>
      <ul class="pe-app-sources">
        <xsl:for-each select="$readings[pe:reading-siglum(.) = $listed]">
          <xsl:variable name="siglum" as="xs:string" select="pe:reading-siglum(.)"/>
          <li data-source="{$siglum}">
            <xsl:if test="$siglum = $current">
              <xsl:attribute name="class" select="'pe-app-current'"/>
            </xsl:if>
            <span class="pe-app-wit"><xsl:value-of select="pe:source-title($siglum)"/></span>
            <xsl:if test="$siglum = $current">
              <xsl:text> </xsl:text>
              <span class="pe-app-this">(<xsl:value-of select="pe:label('this-text')"/>)</span>
            </xsl:if>
            <xsl:for-each select="pe:reading-verdict(.)">
              <xsl:text> </xsl:text>
              <span class="pe-verdict-label pe-verdict-{.}"><xsl:value-of select="pe:label('verdict-' || .)"/></span>
            </xsl:for-each>
            <xsl:text>: </xsl:text>
            <xsl:if test="tei:quote">
              <q><xsl:apply-templates select="tei:quote[1]/node()" mode="pe:claim-inline"/></q>
              <xsl:text> </xsl:text>
            </xsl:if>
            <xsl:if test="pe:reading-value(.)">
              <span class="pe-app-value">(<xsl:value-of select="pe:reading-summary(.)"/>)</span>
              <xsl:text> </xsl:text>
            </xsl:if>
            <xsl:for-each select="pe:reading-links(.)[1]">
              <a href="{$root || .}"><xsl:value-of select="pe:label('in-the-text')"/></a>
            </xsl:for-each>
          </li>
        </xsl:for-each>
        <xsl:if test="$counted gt count($listed)">
          <li class="pe-app-others">
            <a href="{$root || pe:claim-path(@xml:id)}"><xsl:value-of select="pe:label('and') || ' '
              || pe:counted($counted - count($listed), 'more-source') || ': ' || pe:label('app-more-readings')"/></a>
          </li>
        </xsl:if>
      </ul>
      <xsl:if test="exists(pe:scholarship-readings(.))">
        <p class="pe-app-heading"><xsl:value-of select="pe:label('scholarship')"/></p>
        <ul class="pe-app-scholarship">
          <xsl:for-each select="pe:scholarship-readings(.)">
            <li>
              <xsl:value-of select="pe:reading-summary(.)"/>
              <xsl:text> (</xsl:text>
              <xsl:sequence select="pe:reading-cite-link(., $root)"/>
              <xsl:text>)</xsl:text>
              <xsl:if test="@cert = ('medium', 'low')">
                <xsl:text> </xsl:text>
                <span class="pe-ref-cert"><xsl:value-of select="pe:label('ref-cert-' || @cert)"/></span>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:for-each select="tei:note[@type = 'editorial']">
        <p class="pe-app-note">
          <span class="pe-app-heading-inline"><xsl:value-of select="pe:label('editorial-note')"/>: </span>
          <xsl:apply-templates mode="pe:claim-inline"/>
        </p>
      </xsl:for-each>
      <p class="pe-app-more">
        <!-- the synoptic claim page, at this source's column (claims.xsl: h3 id="syn-col-{siglum}") -->
        <a href="{$root || pe:claim-path(@xml:id) || ($current[. != ''] ! ('#syn-col-' || .))}"><xsl:value-of select="pe:label('claim-page')"/></a>
      </p>
    </div>
  </xsl:template>

  <!-- The edition's confidence: words + a three-step meter drawn with shapes. -->
  <xsl:template name="pe:certainty-badge">
    <xsl:param name="cert" as="xs:string"/>
    <xsl:variable name="steps" as="xs:integer"
      select="(map { 'high': 3, 'medium': 2, 'low': 1 }($cert), 0)[1]"/>
    <p class="pe-cert pe-cert-{$cert}" data-cert="{$cert}">
      <span class="pe-cert-meter" aria-hidden="true">
        <xsl:value-of select="string-join((1 to 3) ! (if (. le $steps) then '●' else '○'))"/>
      </span>
      <xsl:text> </xsl:text>
      <span class="pe-cert-text"><xsl:value-of select="pe:label('cert-badge-' || $cert)"/></span>
    </p>
  </xsl:template>

  <!-- ============================================================ full citation -->

  <xsl:template match="tei:biblStruct" mode="pe:citation">
    <xsl:variable name="a" as="element(tei:analytic)?" select="tei:analytic"/>
    <xsl:variable name="m" as="element(tei:monogr)" select="tei:monogr[1]"/>
    <xsl:variable name="imprint" as="element(tei:imprint)?" select="$m/tei:imprint"/>
    <span class="pe-citation" data-bibl="{@xml:id}">
      <xsl:value-of select="pe:sentence(string-join(($a, $m)[1]/(tei:author | tei:editor) ! pe:person-name(.), ', ')
        || (if (not($a) and $m/tei:editor and not($m/tei:author)) then ' (' || pe:label('eds') || ')' else ''))"/>
      <xsl:text> </xsl:text>
      <xsl:choose>
        <xsl:when test="$a">
          <xsl:text>“</xsl:text><xsl:value-of select="pe:sentence($a/tei:title[1])"/><xsl:text>” </xsl:text>
          <cite><xsl:value-of select="normalize-space($m/tei:title[1])"/></cite>
          <xsl:for-each select="($m/tei:biblScope, $imprint/tei:biblScope)[@unit = 'volume']">
            <xsl:value-of select="' ' || normalize-space(.)"/>
          </xsl:for-each>
          <xsl:for-each select="($m/tei:biblScope, $imprint/tei:biblScope)[@unit = 'issue']">
            <xsl:value-of select="', no. ' || normalize-space(.)"/>
          </xsl:for-each>
          <xsl:value-of select="' (' || pe:bibl-year(.) || ')'"/>
          <xsl:for-each select="($m/tei:biblScope, $imprint/tei:biblScope)[@unit = 'page'][1]">
            <xsl:value-of select="': ' || (if (@from and @to) then @from || '–' || @to else normalize-space(.))"/>
          </xsl:for-each>
          <xsl:text>.</xsl:text>
        </xsl:when>
        <xsl:otherwise>
          <cite><xsl:value-of select="normalize-space($m/tei:title[1])"/></cite>
          <xsl:if test="not(matches(normalize-space($m/tei:title[1]), '[.?!]$'))"><xsl:text>.</xsl:text></xsl:if>
          <xsl:text> </xsl:text>
          <xsl:value-of select="string-join((
            string-join(($imprint/tei:pubPlace, $imprint/tei:publisher) ! normalize-space(.), ': '),
            pe:bibl-year(.))[. != ''], ', ')"/>
          <xsl:text>.</xsl:text>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:for-each select="(.//tei:idno[@type = ('DOI', 'doi')])[1]">
        <xsl:value-of select="' doi:' || normalize-space(.)"/>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- a name as the bibliography writes it ('Getty, J. Arch') -->
  <xsl:function name="pe:person-name" as="xs:string">
    <xsl:param name="p" as="element()"/>
    <xsl:sequence select="normalize-space(string-join($p//text(), ''))"/>
  </xsl:function>

  <!-- ============================================================ inline content -->

  <xsl:template match="tei:hi[@rend = 'italic'] | tei:title | tei:foreign" mode="pe:claim-inline">
    <i><xsl:apply-templates mode="#current"/></i>
  </xsl:template>
  <xsl:template match="tei:hi[@rend = 'bold']" mode="pe:claim-inline">
    <b><xsl:apply-templates mode="#current"/></b>
  </xsl:template>
  <xsl:template match="tei:q | tei:quote" mode="pe:claim-inline">
    <q><xsl:apply-templates mode="#current"/></q>
  </xsl:template>
  <xsl:template match="tei:persName | tei:placeName | tei:orgName" mode="pe:claim-inline">
    <span class="pe-name" data-tei="{local-name()}"><xsl:apply-templates mode="#current"/></span>
  </xsl:template>
  <!-- in a choice the editors' form is given (the source's own is quoted in the text) -->
  <xsl:template match="tei:sic[parent::tei:choice/tei:corr] | tei:orig[parent::tei:choice/tei:reg]"
    mode="pe:claim-inline"/>
</xsl:stylesheet>
